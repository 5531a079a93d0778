"""What each page shows, as plain data: a result in, the rows, groups and tables a page draws out.

The Streamlit pages (`components/pages/`) read their controls, call these and draw; nothing here
imports Streamlit, so each view is tested directly on a small result. One module per page, plus
`claims` (a claim's passages side by side, opened from every page) and `links` (share links).
"""
