"""A synthetic announcement corpus with ground truth, for measuring `yilian extract`.

    from yilian.synth import generate
    summary = generate(docs=1000, seed=7, out=Path("/tmp/synth"))

Writes `out/NNNNN_<hash>.txt` (UTF-8) and `out/gold/NNNNN_<hash>.json` in the format of
shared/eval/gold (see shared/eval/CONTRACT.md), ready for `score.py --gold out/gold`.

How it is built
  * A world, once per seed: a few real provinces with real cities and counties (GB/T 2260
    gazetteer of yilian.loaders.regions), a population of hospitals on every tier
    (provincial, university-affiliated, city, county, district, township 卫生院, community
    社区卫生服务中心), health commissions, governments and universities, their staff (people
    keep their post across documents), and alliances (专科联盟, 医联体, 紧密型医联体,
    城市医疗集团, 医共体, 远程医疗协作网) with leaders, founding dates and members who join
    over the years. Every hospital, alliance, person and date is invented; only the regions
    are real.
  * Events of that world (a founding, a hospital joining, a signing, a plaque ceremony, an
    annual meeting, a commission's list, a visit with no alliance at all) are told by
    documents. Document i has its own random stream (seed, i), so the first N documents
    of a larger corpus are the same files.
  * Each document is written from a publisher's point of view (我院 for the hospital that
    publishes it, a commission, a newspaper, or nobody) in one of many page styles, with
    varied phrasing, date formats, short forms, lists and noise; about 4% come out in
    Traditional characters and a few carry damaged bytes in their noise. The gold records
    exactly what the text states, in Simplified canonical names.

Where things live: vocab.py and phrases.py (word stock and phrase pools), world.py (regions,
institutions, people, alliances, events), doc.py (one document with mention tracking),
pieces.py (shared paragraphs), events/ (one module per document kind), publisher.py,
styles.py (page styles), gold.py (the gold writer), corpus.py (`generate`, the command line).
"""
from .corpus import generate, main, write_document
from .vocab import GIVEN, SURNAMES
from .world import World

__all__ = ["GIVEN", "SURNAMES", "World", "generate", "main", "write_document"]
