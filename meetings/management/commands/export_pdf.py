from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lib.pdf import FontMissing
from meetings.models import Document
from meetings.pdfs import PDF_LANGUAGES
from meetings.rendering import render_pdf


class Command(BaseCommand):
    help = "Render one official document as a PDF, afresh (no stored copy is used or kept)."

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="for example CCM/MSP/2017/4")
        parser.add_argument("--language", choices=PDF_LANGUAGES, default=settings.LANGUAGE_CODE)
        parser.add_argument("--output", required=True, help="the PDF file to write")

    def handle(self, symbol, language, output, **options):
        document = Document.objects.filter(symbol=symbol).first()
        if document is None:
            raise CommandError(f"There is no document {symbol}.")
        if document.body == Document.Body.NONE:
            raise CommandError(f"{symbol} is recorded by its symbol only: it has no text.")
        try:
            content = render_pdf(document, language, draft=not document.issued)
        except FontMissing as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(content)
        self.stdout.write(f"{output}: {len(content):,} bytes")
