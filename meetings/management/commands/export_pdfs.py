import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lib.pdf import FontMissing
from meetings import binding
from meetings.models import Document, Meeting
from meetings.pdfs import PDF_LANGUAGES, has_pdf
from meetings.rendering import pdf_filename, render_pdf


def progress(done, total, label, width=30):
    filled = width * done // total if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
    sys.stderr.flush()


class Command(BaseCommand):
    help = "Render every document of a meeting, in each of its languages, into a directory."

    def add_arguments(self, parser):
        parser.add_argument("--meeting", type=int, required=True, help="the meeting's id")
        parser.add_argument("--output-dir", required=True)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--bound", action="store_true",
                            help="also write, for each language, the issued documents bound in "
                                 "one PDF behind a contents page")

    def handle(self, meeting, output_dir, no_progress=False, bound=False, **options):
        found = Meeting.objects.filter(pk=meeting).first()
        if found is None:
            raise CommandError(f"There is no meeting with id {meeting}.")
        directory = Path(output_dir)
        directory.mkdir(parents=True, exist_ok=True)
        jobs = [(document, language)
                for document in Document.objects.filter(meeting=found).order_by("symbol")
                for language in PDF_LANGUAGES if has_pdf(document, language)]
        issued = {}
        for done, (document, language) in enumerate(jobs, start=1):
            if not no_progress:
                progress(done - 1, len(jobs), f"{document.symbol} {language}")
            try:
                content = render_pdf(document, language, draft=not document.issued)
            except FontMissing as error:
                raise CommandError(str(error)) from error
            (directory / pdf_filename(document, language)).write_bytes(content)
            if bound and document.issued:
                issued.setdefault(language, []).append((document, content))
        if not no_progress:
            progress(len(jobs), len(jobs), "")
            sys.stderr.write("\n")
        self.stdout.write(f"{len(jobs)} PDFs of {found.name} written to {directory}")
        for language, rendered in issued.items():
            try:
                content = binding.bind_rendered(found, language, rendered)
            except FontMissing as error:
                raise CommandError(str(error)) from error
            name = binding.volume_filename(found, language)
            (directory / name).write_bytes(content)
            self.stdout.write(f"{name}: {len(rendered)} documents bound")
