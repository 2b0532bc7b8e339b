"""``extra-index``: package indexes added beside the default one (dependency confusion)."""

from __future__ import annotations

from depfence import rules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from depfence.config import Config
    from depfence.model import Finding, Manifest


def check(manifest: Manifest, config: Config) -> Iterator[Finding]:
    for location, option, url in manifest.indexes:
        if url.lower().startswith("http://"):
            yield rules.MUTABLE_REFERENCE.finding(
                location,
                f"{option} {url} is plain http://: packages from it can be tampered with; "
                "use https://",
            )
        if option in ("--extra-index-url", "source"):
            yield rules.EXTRA_INDEX.finding(
                location,
                f"{option} {url}: pip takes the highest version from any index, so a public "
                "package can shadow a private one of the same name; use one index that "
                "proxies both",
            )
