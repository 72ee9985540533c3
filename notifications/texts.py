"""Texts stored as a code and its data, written out in the reader's language when they are shown.

A verb that leaves a line for people to read (a notification here, a case
timeline entry in cases/texts.py) stores *which* sentence it means, a code,
and the values that sentence needs, its data: ids, copies of names as they
were, plain values, free text a user typed, and enum *codes* (a status, a
closing reason), never their labels. The sentence is looked up and filled in
when someone reads it, in their language; enum codes become their labels then.

Each kind of text has one registry (`Sentences`). The apps that write a code
register its sentence (the app that knows the wording and the enums it
needs), when they load: apps above this one in the layers register theirs
from their AppConfig.ready() or from the module that composes the text, so
this app imports none of them. Rows written before texts were coded have the
code LEGACY and their old text as it was (`{"text": ...}`).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Choices
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# The code of a row written before texts were coded: its data is {"text": the old text, in whatever language}.
LEGACY = "legacy"


# What anonymisation (privacy/anonymise.py) leaves in a text's data instead of a name or free text: a marker
# {"removed": <what>}, shown as this label in the reader's language. The sentence itself still reads.
REMOVED = "removed"
REMOVED_LABELS = {
    "person": _("a person"),
    "name": _("(name removed)"),
    "title": _("(title removed)"),
    "text": _("(text removed)"),
    "address": _("(address removed)"),
    "professional": _("a professional"),
    "director": _("the case director"),
}


def removed(what):
    """The marker that takes the place of a name or text removed by anonymisation (a REMOVED_LABELS key)."""
    assert what in REMOVED_LABELS, what
    return {REMOVED: what}


def _shown(value):
    if isinstance(value, dict) and set(value) == {REMOVED}:
        return str(REMOVED_LABELS.get(value[REMOVED], REMOVED_LABELS["text"]))
    return value


@dataclass(frozen=True)
class Sentence:
    """How one code reads.

    - `template`: a (lazy) sentence with %(name)s placeholders, filled in from the data;
    - `labels`: {placeholder: TextChoices class, or a function code -> label}: the data
      holds the code, the reader sees its label in their language;
    - `values`: a function data -> {placeholder: value} for what is computed when shown
      (a date in the reader's format, a list of field names);
    - `example`: data as the verb writes it, for the tests and as the data's documentation.
    """

    template: object
    labels: dict = field(default_factory=dict)
    values: Callable | None = None
    example: dict = field(default_factory=dict)


def label_of(spec, code):
    """The label of `code` by `spec` (a TextChoices class or a function); an unknown code as it is."""
    if code in (None, ""):
        return ""
    if isinstance(spec, type) and issubclass(spec, Choices):
        return spec(code).label if code in spec.values else code
    return spec(code)


class Sentences:
    """A registry of codes and their sentences, for one kind of stored text."""

    def __init__(self, name):
        self.name = name
        self._sentences = {}
        # Old rows read as they were written.
        self.register(LEGACY, "%(text)s", example={"text": "Casus geopend: Portiek Dapperstraat"})

    def register(self, code, template, *, labels=None, values=None, example=None):
        """Make `code` known with its sentence (see Sentence); registering a code twice is a mistake."""
        if code in self._sentences:
            raise ValueError(f"{self.name} text {code!r} is registered twice")
        self._sentences[code] = Sentence(template, dict(labels or {}), values, dict(example or {}))
        return code

    def __contains__(self, code):
        return code in self._sentences

    def codes(self):
        return list(self._sentences)

    def sentence(self, code):
        return self._sentences[code]

    def example(self, code):
        return dict(self._sentences[code].example)

    def render(self, code, data):
        """The text of `code` with `data` in the active language.

        Raises KeyError for an unknown code or a placeholder the data lacks: the
        verbs call this when they write, so a mistake fails there and then.
        """
        sentence = self._sentences[code]
        values = {name: _shown(value) for name, value in data.items()}
        if sentence.values is not None:
            values.update(sentence.values(data))
        for name, spec in sentence.labels.items():
            values[name] = label_of(spec, values.get(name))
        return str(sentence.template % values)

    def text(self, code, data):
        """What a reader sees: `render`, but a row the code no longer fits is logged and shown empty.

        A page full of other people's lines must not fail on one of them.
        """
        try:
            return self.render(code, data)
        except (LookupError, TypeError, ValueError):
            logger.exception("%s text %r cannot be rendered from %r", self.name, code, data)
            return str(data.get("text", "")) if isinstance(data, dict) else ""


NOTIFICATIONS = Sentences("notification")


@dataclass(frozen=True)
class Text:
    """A code and its data that reads as its sentence in the active language wherever it is shown (str())."""

    code: str
    data: dict
    sentences: Sentences = NOTIFICATIONS

    def __str__(self):
        return self.sentences.text(self.code, self.data)
