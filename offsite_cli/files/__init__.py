"""Reading one input file: its kind, pages, images, text and damage, in one pass that the check and the build share."""
