"""Program links (bridges): templates, the launcher, the disclosure log (DESIGN.md section 1)."""
