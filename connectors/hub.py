"""Process-wide connector instances, installed by the composition root at start-up
(omnistream/app.py, omnistream/cli.py). Resolvers and jobs reach the outside world only
through these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from connectors.jobqueue import JobQueue
    from connectors.kv import KeyValue
    from connectors.meta import GraphClient
    from connectors.pubsub import PubSub


@dataclass
class Services:
    pubsub: PubSub | None = None
    jobs: JobQueue | None = None
    kv: KeyValue | None = None
    graph: GraphClient | None = None
    settings: Any = None
    extra: dict[str, Any] | None = None


services = Services()
