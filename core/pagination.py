"""Keyset pagination for long API lists: pages by a cursor on (a time, the pk), without counting the list."""

import datetime

from django.db.models import Q
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """DRF's CursorPagination (links, cursor encoding, the schema), with the cursor on the pair
    (`ordering[0]`, pk) rather than on the first field alone.

    DRF's cursor marks a place by the first field's value and skips rows tied on it with an offset, capped at
    1,000 and wrong in the previous links once more rows tie than fit on a page. Here each row's position is
    unique, so the offset stays 0 and the next page is a range scan of the index from the last row on.

    `ordering` is a pair such as ("-occurred_at", "-pk"), both the same direction; the first a datetime field.
    """

    ordering = ("-created_at", "-pk")

    def paginate_queryset(self, queryset, request, view=None):
        """As CursorPagination.paginate_queryset (DRF 3.18), filtering on the pair instead of the first field."""
        self.request = request
        self.page_size = self.get_page_size(request)
        if not self.page_size:
            return None
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        offset, reverse, current_position = self.cursor if self.cursor else (0, False, None)

        reversed_ordering = [field[1:] if field.startswith("-") else f"-{field}" for field in self.ordering]
        queryset = queryset.order_by(*(reversed_ordering if reverse else self.ordering))
        if current_position is not None:
            descending = self.ordering[0].startswith("-") != reverse
            queryset = queryset.filter(self._after(current_position, descending))

        results = list(queryset[offset : offset + self.page_size + 1])
        self.page = results[: self.page_size]
        following_position = self._position(results[-1]) if len(results) > len(self.page) else None
        if reverse:
            self.page.reverse()
            self.has_next = current_position is not None or offset > 0
            self.has_previous = following_position is not None
            self.next_position, self.previous_position = current_position, following_position
        else:
            self.has_next = following_position is not None
            self.has_previous = current_position is not None or offset > 0
            self.next_position, self.previous_position = following_position, current_position
        self.display_page_controls = (self.has_previous or self.has_next) and self.template is not None
        return self.page

    def _after(self, position, descending):
        """Q: the rows after `position` in the direction read. The bound on the time alone (<= or >=) lets
        PostgreSQL start the index scan there; the rest breaks ties on it by pk."""
        try:
            text, pk = position.rsplit(" ", 1)
            moment, pk = datetime.datetime.fromisoformat(text), int(pk)
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None
        field = self.ordering[0].lstrip("-")
        if descending:
            return Q(**{f"{field}__lte": moment}) & (Q(**{f"{field}__lt": moment}) | Q(pk__lt=pk))
        return Q(**{f"{field}__gte": moment}) & (Q(**{f"{field}__gt": moment}) | Q(pk__gt=pk))

    def _position(self, row):
        """A row's place in the list, unique: its time (ISO 8601, to the microsecond) and its pk."""
        field = self.ordering[0].lstrip("-")
        if isinstance(row, dict):  # a row read with values()
            moment, pk = row[field], row["id"]
        else:
            moment, pk = getattr(row, field), row.pk
        return f"{moment.isoformat()} {pk}"

    def _get_position_from_instance(self, instance, ordering):
        # DRF's link building asks each row for its position through this.
        return self._position(instance)
