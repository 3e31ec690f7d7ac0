"""Reading a page: its Markdown structure, its table cells and its escaped text."""
