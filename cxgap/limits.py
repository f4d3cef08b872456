"""The documented input limits (README.md, "Limits and safety"). Kept
free of imports so that the command line can name them without loading the
parser."""

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""Largest input read by default (``--max-bytes`` changes it): about 60,000
touchpoints, a hundred times a large real journey. Memory and time grow with
the input (and the HTML report with the number of gaps): at this size every
command peaks below 520 MB and runs under a 1 GiB address-space limit with
room to spare; at 20 MiB the HTML report of a spec with many gaps did not."""
MAX_MAX_BYTES = 1 << 30
"""The largest ``--max-bytes`` accepted (1 GiB): beyond it is a usage error.
A valid spec costs about 50 times its size in memory to analyse, so even
this is for machines with tens of gigabytes."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted in a spec (a spec needs 5)."""
MAX_FLOW_DEPTH = 256
"""Deepest ``[``/``{`` nesting the textual pre-scan lets through to libyaml.
Looser than :data:`MAX_DEPTH` because the scan also counts brackets inside
quoted text and comments; the parser then enforces :data:`MAX_DEPTH` exactly."""
MAX_ALIAS_NODES = 100_000
"""How many nodes aliases (``*anchor``, ``<<: *anchor``) may add in all."""
BYTES_PER_NODE = 4
"""One YAML node per this many bytes of the input limit (:func:`max_nodes`)."""
MIN_NODES = 65_536
"""The node limit of a small ``--max-bytes`` (a file that small cannot reach it)."""


def max_nodes(max_bytes: int) -> int:
    """How many YAML nodes a document may hold under the input limit ``max_bytes``:
    2,621,440 at 10 MiB. A mapping or list counts twice (its start and its end),
    every other node (a key, a value, an alias) once.

    Bytes alone do not bound the work: three bytes (``[],``) make a list and
    two (``1,``) a value, and each costs the parser a few microseconds and the
    data about 100 bytes of memory; 3.5 million empty lists in 10 MiB took
    25 s and 930 MiB. A real spec has one node per 4.5-13 bytes (the 64,000
    touchpoints of a 10 MiB spec are 1.2 million), so it meets the size limit
    before this one."""
    return max(MIN_NODES, max_bytes // BYTES_PER_NODE)


MAX_COLLECTED = 1_000
"""Problems kept per file (the rest are only counted), by the loader and
inside validation (:mod:`cxgap.budget`): a 10 MiB spec of 640,000 unknown
keys must not need a gigabyte to say so."""
MAX_PROBLEMS = 100
"""Problems shown per file; one more line counts the rest."""
