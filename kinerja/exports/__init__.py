"""Files people download or fill in: the formula-safe writer, templates, the export, the rekap."""
