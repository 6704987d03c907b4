"""Text -> topics -> facts: parsing, cleaning, segmentation, fact extraction, conflicts, topic pages."""
