"""Reading inputs: folders of articles, feeds and pages, into stored, screened articles."""
