"""The history window: the table, heat map, pain chart."""
