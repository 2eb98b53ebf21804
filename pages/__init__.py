"""The app's screens, one file per page (UI only); app.py's router runs them (st.navigation)."""
