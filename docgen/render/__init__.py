"""Rendering of the 申报表: the docxtpl template, its context, and the generated parts.

- `context`: the Application as the template's data (formatted by docgen.present);
- `fragments`: the parts with no fixed shape (plan, 附表 lists, 佐证材料清单), written by docgen.word.xml;
- `splice`: puts that markup into the saved document.xml instead of rendering and parsing it;
- `engine`: docxtpl rendering (public API) with a sandboxed, autoescaping, strict Jinja environment,
  then docgen.word.package finishes the package;
- `template_builder` (+ `template_pages`, `template_kit`): the one-off tool that wrote the first
  templates/申报表模板.docx; the template itself is the source now.
"""
