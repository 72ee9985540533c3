import dataclasses

from django.core.management.base import BaseCommand, CommandError

from devdata.bench_world import BenchWorldExists, Size, build_bench_world


class Command(BaseCommand):
    help = "Fill an EMPTY database with the city-scale benchmark dataset (200,000 signals, 20,000 cases, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="Fraction of the full size, e.g. 0.01 to try it.")

    def handle(self, *args, scale, **options):
        full = Size()
        size = Size(
            **{
                name: max(1, int(getattr(full, name) * scale))
                if name not in ("years", "teams", "organisations")
                else getattr(full, name)
                for name in full.__dataclass_fields__
            }
        )
        # Every organisation needs people (reporters, a case director), however small the scale.
        size = dataclasses.replace(size, users=max(size.users, 2 * size.organisations))
        try:
            counts = build_bench_world(size)
        except BenchWorldExists as error:
            raise CommandError(str(error)) from None
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
