# lib/libteec: sources and programs (filled in by this part's owner)
