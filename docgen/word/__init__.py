"""The Word layer: everything docgen writes as WordprocessingML, in one place.

- `schema`: the child order ISO/IEC 29500 requires in property elements;
- `xml`: the body markup writer (runs, paragraphs, tables with merges and header rows, fields);
- `styles`: the named styles, document defaults, theme, font table and 公文 grid;
- `elements`: the same properties on python-docx objects, for documents built with python-docx;
- `package`: `finish_package`, the last step of every .docx (metadata, settings, clean parts, zip).
"""
