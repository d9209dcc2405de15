"""Accepting a document's tracked changes through LibreOffice, for the slow tests.

soffice has no command-line switch for it, so a StarBasic macro does it: it is written into a
fresh LibreOffice user profile (My Macros are trusted), then `soffice --headless
macro:///Standard.Module1.Run(...)` loads the document hidden, counts its redlines, dispatches
.uno:AcceptAllTrackedChanges when asked, counts again and saves the text as UTF-8.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

MACRO = '''Sub Run(src As String, dst As String, report As String, accept As Integer)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(src, "_blank", 0, load())
  before = doc.getRedlines().getCount()
  If accept = 1 Then
    helper = createUnoService("com.sun.star.frame.DispatchHelper")
    helper.executeDispatch(doc.getCurrentController().getFrame(), ".uno:AcceptAllTrackedChanges", "", 0, Array())
  End If
  after = doc.getRedlines().getCount()
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "Text (encoded)"
  store(1).Name = "FilterOptions"
  store(1).Value = "UTF8,LF,,,"
  doc.storeToURL(dst, store())
  doc.close(True)
  h = FreeFile
  Open report For Output As #h
  Print #h, before & " " & after
  Close #h
  StarDesktop.terminate()
End Sub
'''

DEFAULT_MODULE = "REM  *****  BASIC  *****\n\nSub Main\n\nEnd Sub"


class LibreOffice:
    def __init__(self, work: Path, timeout: float = 240):
        self.work = work
        self.timeout = timeout
        self.profile = work / "profile"
        self._run(["--terminate_after_init"])
        module = self.profile / "user" / "basic" / "Standard" / "Module1.xba"
        text = module.read_text(encoding="utf-8")
        assert DEFAULT_MODULE in text, "unexpected LibreOffice profile layout"
        module.write_text(text.replace(DEFAULT_MODULE, escape(MACRO)), encoding="utf-8")

    def _run(self, args: list[str]) -> None:
        cmd = [shutil.which("soffice") or "soffice", f"-env:UserInstallation={self.profile.as_uri()}", "--headless", *args]
        proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: soffice.bin goes too
            proc.communicate()
            raise

    def text(self, docx: Path, *, accept: bool) -> tuple[int, int, str]:
        """(redlines before, redlines after, the document's text) with changes accepted or not."""
        name = ("accepted-" if accept else "plain-") + docx.stem
        src = self.work / f"{name}.docx"
        shutil.copyfile(docx, src)  # a private copy: no lock file next to the caller's file
        out, report = self.work / f"{name}.txt", self.work / f"{name}.count"
        self._run([f'macro:///Standard.Module1.Run("{src.as_uri()}","{out.as_uri()}","{report}",{int(accept)})'])
        before, after = (int(x) for x in report.read_text().split())
        return before, after, out.read_text(encoding="utf-8-sig")
