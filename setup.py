"""Ships templates/ (the Word templates people edit) inside the package as docgen/templates/.

The templates live at the top of the repository, where people find them; setuptools copies
them into the built package so `pip install .` has them (docgen.render.engine.packaged_templates).
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithTemplates(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "docgen" / "templates"
        target.mkdir(parents=True, exist_ok=True)
        for src in sorted(Path(__file__).resolve().parent.joinpath("templates").glob("*.docx")):
            self.copy_file(str(src), str(target / src.name))


setup(cmdclass={"build_py": BuildWithTemplates})
