"""A dossier folder: its case.toml, its files matched to the checklist, the report, new folders, deadlines across folders."""
