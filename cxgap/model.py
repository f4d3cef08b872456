"""The journey spec, format version 1, as pydantic models (DESIGN.md §1).

The loader hands these models plain data in which every scalar is text, so
numbers are parsed here (pydantic's lax mode) and text stays as written.
Unknown keys are errors, except keys starting with ``x-``, which belong to
the user's own tooling and are set aside before validation.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cxgap import budget
from cxgap.budget import BOUNDED
from cxgap.levels import FailOn

FORMAT_VERSION = 1

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Many = Annotated[list[T], BOUNDED]
"""A list of the spec format: a long one is validated in chunks, and its errors
beyond the file's budget are counted, not kept (:mod:`cxgap.budget`)."""
Keyed = Annotated[dict[K, V], BOUNDED]
"""A mapping of the spec format, bounded as :data:`Many` is."""

Text = Annotated[str, StringConstraints(min_length=1)]
"""Non-empty text, exactly as written."""
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[^\s:]+$", max_length=200),
    Field(description="An identifier: no spaces, no colons (gap ids use `:`)."),
]
Lang = Literal["en", "zh-CN", "zh-TW"]
ByLang = Annotated[
    dict[Lang, Text],
    Field(description="The text by language: any of en, zh-CN, zh-TW; a language left out falls back to another."),
]
NpsAnswer = Annotated[int, Field(ge=0, le=10)]
CsatAnswer = Annotated[int, Field(ge=1, le=5)]
CesAnswer = Annotated[int, Field(ge=1, le=7)]
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60),
    Field(description="A metric slug: lower-case letters, digits, `-` and `_` (nps, csat, ces, easy-contact)."),
]
SURVEY_METRICS = ("nps", "csat", "ces")
"""The metrics with a scale and a formula of their own (DOMAIN.md)."""
CUSTOMER_METRICS = ("churn", "retention")
"""The metrics of the whole customer base, from `customers:`."""
Emotion = Annotated[int, Field(
    ge=-2, le=2, description="How customers feel here: -2 very negative .. +2 very positive.")]
Importance = Annotated[int, Field(ge=1, le=5)]


class Evidence(str, Enum):
    interview = "interview"
    survey = "survey"
    analytics = "analytics"
    support = "support"
    assumption = "assumption"


class Status(str, Enum):
    active = "active"
    planned = "planned"
    retired = "retired"


class Lane(str, Enum):
    """The service-blueprint lanes of a company touchpoint (DESIGN.md §5)."""

    frontstage = "frontstage"
    backstage = "backstage"
    support = "support"


class SpecModel(BaseModel):
    """Base of every model: no unknown keys, except `x-` extension keys."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"patternProperties": {"^x-": {}}},
        use_enum_values=False,
        allow_inf_nan=False,  # `min: nan` or `.inf` would make reports say NaN (and JSON invalid)
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        """Set `x-` keys aside, read an empty optional key (`owner:`) as absent,
        and drop the unknown keys the file's problem budget has no room for."""
        if not isinstance(data, dict) or not data:  # an empty mapping: 1.3 million `{}` in a 4 MB file
            return data
        fields = cls.__pydantic_fields__  # model_fields is a descriptor that costs a microsecond per touchpoint
        if not fields.keys() >= data.keys():
            unknown = [k for k in data if k not in fields and not k.startswith("x-")]
            bound = budget.current()
            if unknown and bound is not None:
                data = bound.unknown_keys(data, unknown)
        for k, v in data.items():
            if k.startswith("x-") or (v is None and k in fields and not fields[k].is_required()):
                return {
                    k: v for k, v in data.items()
                    if not k.startswith("x-") and not (v is None and k in fields and not fields[k].is_required())
                }
        return data


class JourneyInfo(SpecModel):
    id: Id | None = Field(None, description="Slug of the journey; defaults to the file name.")
    title: Text
    owner: str | None = None
    description: str | None = None
    lang: Lang | None = Field(None, description="Language of reports and messages when --lang is not given.")


class Persona(SpecModel):
    id: Id
    name: Text
    role: str | None = None
    age: Annotated[int, Field(ge=0, le=150)] | None = None
    location: str | None = None
    description: str | None = None
    quote: str | None = None
    motivations: Many[str] = []
    pain_points: Many[str] = []
    preferences: Many[str] = []


class Thesis(SpecModel):
    statement: Text
    persona: Id | None = None
    goals: Many[str] = []
    kpis: Many[str] = []


class StageDef(SpecModel):
    id: Id
    name: str | ByLang | None = None
    mindset: str | ByLang | None = None


class Metrics(SpecModel):
    """Aggregate values, or the raw answers they are computed from."""

    nps: Annotated[float, Field(ge=-100, le=100)] | None = None
    csat: Annotated[float, Field(ge=0, le=100, description="% of 4-5 answers on 1-5")] | None = None
    ces: Annotated[float, Field(ge=1, le=7, description="mean answer on 1-7")] | None = None
    nps_responses: Many[NpsAnswer] | None = None
    csat_responses: Many[CsatAnswer] | None = None
    ces_responses: Many[CesAnswer] | None = None

    @model_validator(mode="after")
    def _value_or_answers(self) -> Metrics:
        for name in ("nps", "csat", "ces"):
            if getattr(self, name) is not None and getattr(self, f"{name}_responses") is not None:
                raise PydanticCustomError("value_and_answers", "give either {name} (the value) or {name}_responses "
                                          "(raw answers), not both", {"name": name})
            answers = getattr(self, f"{name}_responses")
            if answers is not None and not answers:
                raise PydanticCustomError("no_answers", "{name}_responses is empty; expected at least one answer",
                                          {"name": name})
        return self


class CustomerTouchpoint(SpecModel):
    id: Id
    stage: Text
    channel: Text
    name: str | None = None
    importance: Importance = 3
    personas: Many[Id] | None = None
    evidence: Evidence = Evidence.assumption
    metrics: Metrics | None = None
    description: str | None = None
    emotion: Emotion | None = None
    pain_points: Many[Text] = Field(default_factory=list, json_schema_extra={"default": []},
                                    description="What hurts here, in the customer's words.")
    moment_of_truth: bool = Field(False, description="A moment that makes or breaks the relationship.")
    opportunities: Many[Text] = Field(default_factory=list, json_schema_extra={"default": []},
                                      description="Ideas from the research; shown in reports, no effect on scores.")
    persona_importance: Keyed[Id, Importance] = Field(
        default_factory=dict, json_schema_extra={"default": {}},
        description="Importance in one persona's view (persona id -> 1..5); default `importance`.",
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class CompanyTouchpoint(SpecModel):
    id: Id
    stage: Text | Annotated[list[Text], Field(min_length=1), BOUNDED] = Field(
        description="The stage it runs at, or a list of the stages it runs at (its effort is split evenly).")
    channel: Text
    name: str | None = None
    owner: str | None = None
    effort: Annotated[float, Field(gt=0, le=1e12)] = 1.0
    lane: Lane = Field(Lane.frontstage, description="Service-blueprint lane: frontstage faces customers; "
                       "backstage and support enable other company touchpoints (`supports`).")
    meets: Many[Id] | None = None
    supports: Many[Id] | None = Field(None, description="Backstage and support: the company touchpoints it enables.")
    status: Status = Status.active
    description: str | None = None

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def stages(self) -> tuple[str, ...]:
        """Every stage it runs at, the first listed first."""
        return (self.stage,) if isinstance(self.stage, str) else tuple(self.stage)

    @property
    def home_stage(self) -> str:
        """The first stage listed: where its gaps and its JSON `stage` are."""
        return self.stage if isinstance(self.stage, str) else self.stage[0]

    @property
    def frontstage(self) -> bool:
        return self.lane is Lane.frontstage


class Customers(SpecModel):
    period: str | None = None
    start: Annotated[int, Field(gt=0)]
    lost: Annotated[int, Field(ge=0)]
    new: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _balance(self) -> Customers:
        if self.lost > self.start:
            raise PydanticCustomError("lost_above_start", "lost ({lost}) is more than start ({start})",
                                      {"lost": self.lost, "start": self.start})
        if self.end != self.start + self.new - self.lost:
            raise PydanticCustomError(
                "customers_balance", "end must equal start + new - lost = {start} + {new} - {lost} = {expected}, "
                "got {end}", {"start": self.start, "new": self.new, "lost": self.lost, "end": self.end,
                              "expected": self.start + self.new - self.lost})
        return self


class Measure(SpecModel):
    """A metric measured at a touchpoint, a stage, or (neither) the whole journey."""

    metric: Slug
    value: float | None = None
    responses: Many[int] | None = Field(None, description="Raw answers, for nps (0-10), csat (1-5) and ces (1-7).")
    unit: str | None = Field(None, description="Shown after the value in reports, e.g. `%`.")
    touchpoint: Id | None = None
    stage: str | None = None

    @model_validator(mode="after")
    def _value_or_answers(self) -> Measure:
        if self.metric in CUSTOMER_METRICS:
            raise PydanticCustomError("measure_from_customers", "{metric} is computed from `customers:` (start, lost, "
                                      "new, end); expected another metric slug", {"metric": self.metric})
        if (self.value is None) == (self.responses is None):
            raise PydanticCustomError("measure_value_or_answers", "a measure needs a value or responses (one of them)")
        if self.responses is not None:
            _check_answers(self.metric, self.responses)
        if self.value is not None and self.metric in _RANGES:
            bottom, top = _RANGES[self.metric]
            if not bottom <= self.value <= top:
                raise PydanticCustomError("measure_out_of_range", "{metric} value {value} is outside {bottom} to {top}",
                                          {"metric": self.metric, "value": f"{self.value:g}", "bottom": f"{bottom:g}",
                                           "top": f"{top:g}"})
        if self.touchpoint is not None and self.stage is not None:
            raise PydanticCustomError("measure_one_subject", "a measure is for one touchpoint or one stage (or "
                                      "neither: the journey), not both")
        return self


def _check_answers(metric: str, responses: list[int]) -> None:
    if metric not in SURVEY_METRICS:
        raise PydanticCustomError("answers_not_survey", "responses are for nps, csat and ces; expected a value for "
                                  "{metric}", {"metric": metric})
    if not responses:
        raise PydanticCustomError("answers_empty", "responses is empty; expected at least one answer")
    low, high = _SCALES[metric]
    for answer in responses:
        if not low <= answer <= high:
            raise PydanticCustomError("answer_out_of_range", "{metric} answer {answer} is outside {low}-{high}",
                                      {"metric": metric, "answer": answer, "low": low, "high": high})


_SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
_RANGES = {"nps": (-100.0, 100.0), "csat": (0.0, 100.0), "ces": (1.0, 7.0)}


class Target(SpecModel):
    metric: Slug = Field(description="nps, csat, ces, churn, retention, or a slug some measure uses.")
    min: float | None = None
    max: float | None = None
    touchpoint: Id | None = None
    stage: str | None = None

    @model_validator(mode="after")
    def _bounds(self) -> Target:
        if self.min is None and self.max is None:
            raise PydanticCustomError("target_bounds", "a target needs min or max (or both)")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("min_above_max", "min ({min}) is above max ({max})",
                                      {"min": f"{self.min:g}", "max": f"{self.max:g}"})
        if self.touchpoint is not None and self.stage is not None:
            raise PydanticCustomError("target_one_subject", "a target is for one touchpoint or one stage, not both")
        if self.metric in CUSTOMER_METRICS and (self.touchpoint or self.stage):
            raise PydanticCustomError("all_customers", "{metric} is measured for all customers; drop touchpoint "
                                      "and stage", {"metric": self.metric})
        return self


DEFAULT_SCALES: dict[str, tuple[float, float]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


class SourceFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"


class Source(SpecModel):
    """A survey export whose answers give a metric (DESIGN.md §6)."""

    file: Annotated[Text, Field(description="The export, relative to the spec file (or an absolute path).")]
    metric: Slug
    answer: Annotated[Text, Field(description="The answer column: a header text, or a column letter (A, B, …, AA).")]
    touchpoint_column: Text | None = Field(
        None, description="A column naming customer touchpoints (ids or names; see `map`).")
    touchpoint: Id | None = Field(None, description="Every answer is about this customer touchpoint.")
    stage: Text | None = Field(None, description="Every answer is about this stage.")
    map: Keyed[Text, Id] | None = Field(None, description="Values of touchpoint_column -> customer touchpoint ids.")
    where: Keyed[Text, Text | Many[Text]] | None = Field(
        None, description="Only rows whose columns hold these values (a list: any of them).")
    header_rows: Annotated[int, Field(ge=0, le=100)] = Field(
        1, description="Rows before the data; a column matches any of its header cells.")
    encoding: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        "auto", description="auto (a BOM, else UTF-8, else GB18030) or a Python codec name.")
    format: SourceFormat | None = Field(None, description="csv or xlsx; default from the file's suffix.")
    top_box: Many[float] | None = Field(
        None, description="For a metric of your own: the answers that count; the value is their share in %.")
    scale: Annotated[list[float], Field(min_length=2, max_length=2)] | None = Field(
        None, description="Valid answers [low, high]; default nps 0-10, csat 1-5, ces 1-7.")

    @model_validator(mode="after")
    def _subject(self) -> Source:
        given = [k for k in ("touchpoint_column", "touchpoint", "stage") if getattr(self, k) is not None]
        if len(given) > 1:
            raise PydanticCustomError("source_one_subject", "give one of touchpoint_column, touchpoint or stage (or "
                                      "none, for the whole journey), not several: {given}", {"given": given})
        if self.map is not None and self.touchpoint_column is None:
            raise PydanticCustomError("map_needs_column", "map translates the values of touchpoint_column; give "
                                      "touchpoint_column too")
        return self

    @model_validator(mode="after")
    def _scale(self) -> Source:
        if self.metric in SURVEY_METRICS and self.top_box is not None:
            raise PydanticCustomError("top_box_builtin", "{metric} has its own formula; top_box is for a metric of "
                                      "your own (a slug)", {"metric": self.metric})
        if self.metric not in SURVEY_METRICS and not self.top_box:
            raise PydanticCustomError("top_box_needed", "{metric} is a metric of your own: give top_box, the answers "
                                      "that count (e.g. top_box: [4, 5]); built-in metrics are nps, csat, ces",
                                      {"metric": repr(self.metric)})
        if self.metric not in SURVEY_METRICS and self.scale is None:
            raise PydanticCustomError("scale_needed", "{metric} is a metric of your own: give its scale, e.g. "
                                      "scale: [1, 5]", {"metric": repr(self.metric)})
        if self.scale is not None and self.scale[0] >= self.scale[1]:
            raise PydanticCustomError("scale_order", "scale [{low}, {high}]: the low end must be below the high end",
                                      {"low": f"{self.scale[0]:g}", "high": f"{self.scale[1]:g}"})
        if self.scale is not None and self.top_box is not None:
            outside = [b for b in self.top_box if not self.scale[0] <= b <= self.scale[1]]
            if outside:
                raise PydanticCustomError("top_box_outside", "top_box {value} is outside the scale [{low}, {high}]",
                                          {"value": f"{outside[0]:g}", "low": f"{self.scale[0]:g}",
                                           "high": f"{self.scale[1]:g}"})
        return self

    @model_validator(mode="after")
    def _encoding(self) -> Source:
        if self.encoding != "auto":
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise PydanticCustomError("unknown_encoding", "unknown encoding {encoding}; expected auto or a codec "
                                          "name such as utf-8, utf-8-sig, gb18030, big5, cp1252, latin-1",
                                          {"encoding": repr(self.encoding)}) from None
        return self

    @property
    def valid_range(self) -> tuple[float, float]:
        if self.scale is not None:
            return self.scale[0], self.scale[1]
        return DEFAULT_SCALES[self.metric]

    @property
    def kind(self) -> SourceFormat:
        if self.format is not None:
            return self.format
        return SourceFormat.xlsx if self.file.lower().endswith((".xlsx", ".xlsm")) else SourceFormat.csv
class Question(SpecModel):
    """An interview prompt for the workshop handout (DESIGN.md §5)."""

    text: Text
    stage: str | None = Field(None, description="The stage it is about (id or name); none: the whole journey.")


class Accept(SpecModel):
    """A gap the team has looked at and accepted, like a linter's `noqa`."""

    gap: Annotated[str, StringConstraints(pattern=r"^[a-z_]+:\S+$", max_length=300)] = Field(
        description="The gap id, e.g. effort_imbalance:appointment.")
    reason: Text
    until: dt.date | None = Field(None, description="YYYY-MM-DD; from the day after, the gap counts again.")

    @field_validator("until", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
            raise PydanticCustomError("not_a_date", "{value} is not a date; expected YYYY-MM-DD",
                                      {"value": repr(value)})
        return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Policy(SpecModel):
    min_score: Annotated[float, Field(ge=0, le=100)] | None = None
    min_experience: Annotated[float, Field(ge=0, le=100)] | None = None
    fail_on: FailOn | None = None


class Spec(SpecModel):
    """A whole journey spec file."""

    version: int = Field(description="Format version; this cxgap reads version 1.")
    journey: JourneyInfo
    personas: Many[Persona] = []
    thesis: Thesis | None = None
    stages: Many[StageDef] | None = None
    customer_touchpoints: Many[CustomerTouchpoint] = []
    company_touchpoints: Many[CompanyTouchpoint] = []
    customers: Customers | None = None
    measures: Many[Measure] = []
    targets: Many[Target] = []
    accept: Many[Accept] = []
    channels: Keyed[Text, Many[Text]] = {}
    policy: Policy | None = None
    sources: Many[Source] = []
    questions: Many[Question] = Field([], description="Interview prompts for the handout, asked first.")

    @field_validator("version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise PydanticCustomError("version", "unsupported format version {value}; this cxgap reads version "
                                      "{version}", {"value": value, "version": FORMAT_VERSION})
        return value
