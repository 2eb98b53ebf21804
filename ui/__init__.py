"""Streamlit shell helpers shared by app.py and pages/ (the only UI code besides pages)."""
