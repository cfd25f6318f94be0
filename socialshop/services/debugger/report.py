"""What a sharing-debugger run produces: findings, the tags read, the redirects followed, image facts and
per-network previews. Plain dataclasses, so the command can dump them as JSON and templates can read them."""

from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"
LEVELS = (ERROR, WARNING, INFO)

#: Exit statuses of ``socialshop_debug_meta``.
EXIT_OK, EXIT_FINDINGS, EXIT_UNFETCHABLE = 0, 1, 2


class FetchError(Exception):
    """The page (not one of its images) could not be fetched: the message is one line, for people."""


@dataclass(frozen=True)
class Finding:
    level: str  # ERROR, WARNING or INFO
    code: str  # stable identifier, e.g. "image-too-small"
    message: str
    tag: str = ""  # the tag or URL concerned, when there is one


@dataclass(frozen=True)
class Redirect:
    status: int
    source: str
    target: str


@dataclass
class ImageFacts:
    """What probing an image URL found; ``checked`` is False when it was not looked at (offline mode)."""

    url: str
    checked: bool = True
    status: int | None = None
    content_type: str = ""
    size_bytes: int | None = None  # None when the server did not say and the file was not read whole
    width: int | None = None
    height: int | None = None
    is_svg: bool = False
    error: str = ""  # why it could not be fetched


@dataclass(frozen=True)
class Preview:
    """A link card as a network shows it, texts already cut where that network cuts them."""

    network: str  # "facebook", "x", "pinterest", "linkedin"
    label: str
    title: str
    description: str
    image: str  # empty when the network would show no image
    domain: str
    layout: str  # "large", "small" (image beside the text), "tall" or "none"
    notes: tuple = ()


@dataclass
class Report:
    url: str
    final_url: str = ""
    status: int | None = None
    content_type: str = ""
    size_bytes: int = 0
    redirects: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # [property, value] in document order, repeats kept
    canonical: str = ""
    images: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    previews: list = field(default_factory=list)

    def by_level(self, level):
        return [finding for finding in self.findings if finding.level == level]

    @property
    def errors(self):
        return self.by_level(ERROR)

    @property
    def warnings(self):
        return self.by_level(WARNING)

    @property
    def infos(self):
        return self.by_level(INFO)

    @property
    def exit_code(self):
        return EXIT_FINDINGS if self.errors else EXIT_OK

    def codes(self, level=None):
        """The finding codes (of one level, if given), handy in tests and CI greps."""
        return [finding.code for finding in self.findings if level is None or finding.level == level]

    def to_dict(self):
        data = asdict(self)
        data["exit_code"] = self.exit_code
        data["counts"] = {level: len(self.by_level(level)) for level in LEVELS}
        return data
