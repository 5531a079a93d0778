"""Browser tests: a real Streamlit server driven by Debian's chromium (helpers in the harness package)."""
