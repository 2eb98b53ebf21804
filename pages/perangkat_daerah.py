"""stub"""

import streamlit as st

st.title("perangkat_daerah")
