"""Rendering of the 申报表: the docxtpl template, its context, and the generated parts.

- `template_builder`: writes templates/申报表模板.docx (the form's fixed text, Jinja tags);
- `context`: the Application as the template's data (formatted by docgen.present);
- `fragments`: the parts with no fixed shape (plan, 附表 lists, 佐证材料清单) as WordprocessingML text;
- `splice`: puts that text into the serialised document.xml instead of parsing it;
- `engine`: docxtpl rendering with a sandboxed, autoescaping, strict Jinja environment.
"""
