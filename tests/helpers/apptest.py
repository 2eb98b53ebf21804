"""Plumbing for AppTest page tests: Streamlit's caches emptied between tests that switch databases."""

import streamlit as st


def clear_caches() -> None:
    """Empty st.cache_data and st.cache_resource (the app caches the engine and each year's data)."""
    st.cache_data.clear()
    st.cache_resource.clear()
