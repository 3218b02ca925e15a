"""The one definition of the entry format.

The validator (``validation``), the JSON Schema for editors (``jsonschema_export``)
and the contributor documentation page all read these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Matched with ``fullmatch`` in Python: '$' alone would accept a final newline.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
RESERVED_IDS = frozenset({"index"})
FIRST_YEAR = 2015
LAST_YEAR = 2100  # no entry is about a year after this; bounds 'year' for editors too
MIN_DATE = "1900-01-01"  # dates outside these bounds are typing errors
MAX_DATE = "2100-12-31"
MAX_VERSION = 10_000
MAX_EFFORT_HOURS = 10_000
MAX_FILE_BYTES = 1024 * 1024

# Work per entry is bounded so every file that passes ``check`` builds in seconds:
# Python-Markdown is quadratic in some inline elements and recursive in nesting.
# The real entries stay far below these (longest line 634, at most 72 '*').
BODY_LIMITS = {
    "line_chars": 5_000,  # characters on one line (also frontmatter)
    "lines": 5_000,  # lines in the body
    "links": 500,  # '](' and reference definitions
    "brackets": 1_000,  # '[' (links, images, footnotes)
    "html": 500,  # '<' (HTML elements, autolinks)
    "headings": 300,  # lines starting with '#', setext underlines and rules
    "blocks": 300,  # definition lines ': ', admonitions '!!!' and details '???'
    "list_items": 2_000,  # lines starting with '-', '*', '+' or '1.'
    "emphasis": 2_000,  # '*' and '_'
    "code": 2_000,  # '`'
    "escapes": 2_000,  # '\\' and '&'
    "nesting": 8,  # lists and quotes inside each other
}


@dataclass(frozen=True)
class EntryType:
    folder: str
    label: str
    plural: str
    description: str
    sections: tuple[str, ...]


TYPES: dict[str, EntryType] = {
    t.folder: t
    for t in (
        EntryType(
            "vragen",
            "Vraag",
            "Vragen",
            "Technische en praktische vragen uit haalbaarheidsonderzoeken en bewonersavonden.",
            ("Kort antwoord", "Toelichting"),
        ),
        EntryType(
            "regelgeving",
            "Regelgeving",
            "Regelgeving",
            "Wetten en regels die de warmtetransitie in de wijk bepalen.",
            ("Kort antwoord", "Wat regelt het", "Betekenis voor de wijkaanpak"),
        ),
        EntryType(
            "financiering",
            "Financiering",
            "Financiering",
            "Subsidies, fondsen, uitkeringen en financieringsvormen.",
            ("Kort antwoord", "Voor wie", "Hoe werkt het"),
        ),
        EntryType(
            "aanpak",
            "Aanpak",
            "Aanpak",
            "Werkwijzen, processen en sjablonen voor de wijkaanpak.",
            ("Kort antwoord", "Werkwijze"),
        ),
        EntryType(
            "praktijk",
            "Praktijkvoorbeeld",
            "Praktijkvoorbeelden",
            "Ervaringen van gemeenten en regio's, feitelijk beschreven met bron.",
            ("Kort antwoord", "Situatie", "Aanpak", "Lessen"),
        ),
    )
}

ALL_TYPES = frozenset(TYPES)

AUDIENCES = ("residents", "officers", "council", "professionals")
VISIBILITIES = ("public", "internal")
STATUSES = ("draft", "current", "outdated", "withdrawn")

# Dutch labels for the English enum values the frontmatter uses.
LABELS: dict[str, dict[str, str]] = {
    "visibility": {"public": "Openbaar", "internal": "Intern"},
    "status": {
        "draft": "Concept",
        "current": "Actueel",
        "outdated": "Verouderd",
        "withdrawn": "Ingetrokken",
    },
}


@dataclass(frozen=True)
class Field:
    """One frontmatter key (or one key of an object inside a list)."""

    name: str
    kind: str  # text | enum | enum_list | tag_list | integer | number | date | url
    #            | objects | id | id_list | slug
    description: str
    required_in: frozenset[str] = frozenset()
    allowed_in: frozenset[str] = ALL_TYPES
    min_len: int | None = None
    max_len: int | None = None
    plain: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    exclusive_minimum: bool = False
    maximum: float | None = None
    min_items: int = 0
    item_fields: tuple[Field, ...] = ()
    rules: tuple[str, ...] = field(default=())

    def required_for(self, entry_type: str) -> bool:
        return entry_type in self.required_in

    def allowed_for(self, entry_type: str) -> bool:
        return entry_type in self.allowed_in


REQUIRED_ALL = ALL_TYPES
REG_FIN = frozenset({"regelgeving", "financiering"})
VRAGEN = frozenset({"vragen"})


def _text(name, description, lo, hi, *, required=True, plain=True, **kw) -> Field:
    return Field(
        name,
        "text",
        description,
        required_in=REQUIRED_ALL if required else frozenset(),
        min_len=lo,
        max_len=hi,
        plain=plain,
        **kw,
    )


SOURCE_FIELDS = (
    _text("title", "Naam van de bron.", 3, 200),
    Field(
        "url",
        "url",
        "Adres van de pagina die de bewering onderbouwt, met https://; geen startpagina of "
        "rubriek (check waarschuwt bij http:// en bij een adres zonder pad of met één "
        "algemeen woord als pad, zoals /onderwerpen).",
        required_in=REQUIRED_ALL,
    ),
    Field(
        "checked",
        "date",
        "Datum waarop iemand de bron voor het laatst heeft nagelezen en nog klopte "
        "(JJJJ-MM-DD), niet in de toekomst. Optioneel; zet de datum bij elke controle. De "
        "pagina toont hem bij de bron.",
        rules=("not_future",),
    ),
)

ASKED_FIELDS = (
    Field(
        "municipality",
        "slug",
        "Gemeente die de vraag stelde (uit de taxonomie).",
        required_in=REQUIRED_ALL,
        rules=("municipality",),
    ),
    Field(
        "year",
        "integer",
        f"Jaar waarin de vraag speelde ({FIRST_YEAR} tot en met dit jaar).",
        required_in=REQUIRED_ALL,
        minimum=FIRST_YEAR,
        maximum=LAST_YEAR,
        rules=("not_future_year",),
    ),
    _text("neighbourhood", "Wijk of buurt (optioneel).", 2, 120, required=False),
    _text(
        "context", "Waar de vraag speelde, bijvoorbeeld 'bewonersavond'.", 2, 200, required=False
    ),
)

CHANGE_FIELDS = (
    Field(
        "version",
        "integer",
        "Versienummer.",
        required_in=REQUIRED_ALL,
        minimum=1,
        maximum=MAX_VERSION,
    ),
    Field("date", "date", "Datum van deze versie.", required_in=REQUIRED_ALL),
    _text("summary", "Wat er in deze versie veranderde.", 3, 300),
)

FIELDS: tuple[Field, ...] = (
    _text("title", "Titel van het item; bij een vraag de vraag zelf.", 5, 120),
    _text("summary", "Samenvatting in gewone taal (B1), zonder opmaak.", 20, 300),
    Field(
        "tags",
        "tag_list",
        "Tags uit de taxonomie (toolbox/taxonomy.yml).",
        required_in=REQUIRED_ALL,
        min_items=1,
    ),
    Field(
        "audience",
        "enum_list",
        "Voor wie het item bedoeld is.",
        required_in=REQUIRED_ALL,
        choices=AUDIENCES,
        min_items=1,
    ),
    Field(
        "visibility",
        "enum",
        "Openbaar (ook voor bewoners) of intern (alleen voor ambtenaren). Geen standaardwaarde.",
        required_in=REQUIRED_ALL,
        choices=VISIBILITIES,
    ),
    Field("status", "enum", "Stand van het item.", required_in=REQUIRED_ALL, choices=STATUSES),
    Field(
        "version",
        "integer",
        "Versienummer, begint bij 1.",
        required_in=REQUIRED_ALL,
        minimum=1,
        maximum=MAX_VERSION,
    ),
    Field(
        "updated",
        "date",
        "Datum van deze versie (JJJJ-MM-DD), niet in de toekomst.",
        required_in=REQUIRED_ALL,
        rules=("not_future",),
    ),
    _text("owner", "Organisatie die het item bijhoudt.", 2, 120),
    Field(
        "review_by",
        "date",
        "Datum waarop het item opnieuw moet worden beoordeeld; na 'updated'. Verplicht bij "
        "regelgeving en financiering; bij de andere types waarschuwt check als ze ontbreekt.",
        required_in=REG_FIN,
        rules=("after_updated",),
    ),
    Field(
        "sources",
        "objects",
        "Bronnen met titel en adres.",
        required_in=REG_FIN,
        min_items=1,
        item_fields=SOURCE_FIELDS,
    ),
    Field(
        "asked_in",
        "objects",
        "Gemeenten die deze vraag stelden (alleen bij vragen).",
        allowed_in=VRAGEN,
        item_fields=ASKED_FIELDS,
    ),
    Field(
        "effort_hours",
        "number",
        "Geschatte uren die één gemeente kwijt is om dit antwoord zelf uit te zoeken (alleen "
        "bij vragen): bronnen zoeken en lezen, navragen bij collega's of experts en het "
        "antwoord opschrijven; niet het besluiten of uitvoeren daarna. De schrijver schat het "
        "bij de eerste versie: opgaven van gemeenten die de vraag stelden gaan voor, anders "
        "een redelijke schatting uit het aantal en de soort bronnen; rond af op hele uren. "
        "De pagina Hergebruik telt per vraag (keren gesteld - 1) × deze uren als bespaard.",
        allowed_in=VRAGEN,
        minimum=0,
        exclusive_minimum=True,
        maximum=MAX_EFFORT_HOURS,
    ),
    Field(
        "changes",
        "objects",
        "Wijzigingen, nieuwste eerst; bevat een regel voor de huidige versie.",
        item_fields=CHANGE_FIELDS,
        rules=("changes",),
    ),
    Field("related", "id_list", "Ids van verwante items.", rules=("exists",)),
    Field(
        "not_duplicate_of",
        "id_list",
        "Vragen die op deze lijken maar volgens de redactie iets anders vragen (alleen bij vragen).",
        allowed_in=VRAGEN,
        rules=("exists",),
    ),
    Field("replaced_by", "id", "Id van het item dat dit item vervangt.", rules=("exists",)),
    Field(
        "former_ids",
        "id_list",
        "Vroegere ids van dit item; hun oude adressen sturen door naar dit item.",
        rules=("not_in_use",),
    ),
    Field(
        "valid_from",
        "date",
        "Geldig vanaf (alleen regelgeving en financiering).",
        allowed_in=REG_FIN,
    ),
    Field(
        "valid_until",
        "date",
        "Geldig tot en met (alleen regelgeving en financiering); niet voor 'valid_from'.",
        allowed_in=REG_FIN,
        rules=("after_valid_from",),
    ),
    Field(
        "scope",
        "slug",
        "Bereik: 'national' (standaard) of een gemeente of regio uit de taxonomie.",
        rules=("scope",),
    ),
)

FIELDS_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

# Raw HTML that bodies may contain; everything else is rejected by ``check``.
ALLOWED_HTML_TAGS = frozenset({"abbr", "details", "summary", "br", "sup", "sub"})
ALLOWED_HTML_ATTRIBUTES = frozenset({"title", "open"})
