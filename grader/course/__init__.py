"""The course itself: its layout on disk, what nbgrader's cell metadata means, nbgrader bound to it.

- `layout`: where the repository is, which lessons exist, how their notebooks pair up;
- `cells`: exercises and their test cells, from nbgrader's cell metadata;
- `nbgrader_api`: nbgrader's API and configuration, bound to the repository's nbgrader_config.py;
- `noise`: the framework notices on stderr that must not cost a student points;
- `report`: tables for the terminal and files written atomically.
"""
