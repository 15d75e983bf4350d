"""Query building: the filters table, keyset cursors and stats grouping."""
