"""Writing PDFs: page geometry, the form markup and fonts, the filled forms, the cover and the bundle."""
