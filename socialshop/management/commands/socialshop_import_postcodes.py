"""``manage.py socialshop_import_postcodes FR.txt``: offline geocoding data from GeoNames (CC BY 4.0)."""

from django.core.management.base import BaseCommand, CommandError

from socialshop.services import postcodes


class Command(BaseCommand):
    help = (
        "Import a GeoNames postal-code file (tab-separated, e.g. FR.txt from "
        "download.geonames.org/export/zip/). The file's countries are replaced as a whole; "
        "nothing is written if any line is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the GeoNames file (UTF-8, tab-separated, no header).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                parsed = postcodes.parse(handle)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text (GeoNames files are UTF-8).") from None
        if parsed.errors:
            shown = parsed.errors[: postcodes.MAX_ERRORS]
            more = len(parsed.errors) - len(shown)
            raise CommandError(
                f"{file}: nothing imported, {len(parsed.errors)} invalid line(s):\n"
                + "\n".join(shown)
                + (f"\n… and {more} more" if more else "")
            )
        if not parsed.rows:
            raise CommandError(f"{file} holds no postal code.")
        countries = ", ".join(sorted(parsed.countries))
        if dry_run:
            self.stdout.write(f"{file} is valid: {len(parsed.rows)} postal codes for {countries} (dry run).")
            return
        deleted, created = postcodes.replace_countries(parsed)
        self.stdout.write(
            self.style.SUCCESS(f"{created} postal codes imported for {countries} ({deleted} replaced).")
        )
