"""Pages of the cohorts app: the list, the person's file and its journal, "mes personnes", import and export."""
