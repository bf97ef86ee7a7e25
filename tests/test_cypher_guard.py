"""POST /cypher on a real Neo4j behind a real uvicorn server: only plain reads run, decided by
Neo4j's own plan; file reads, URL fetches, admin commands and runaway queries are refused or
cut off within the limits; the local Neo4j itself refuses file URLs and remote fetches.
These are faults 1-5 and 11 of docs/faults.md."""
import concurrent.futures
import time

import httpx
import neo4j
import pytest
from conftest import NEO4J_PASSWORD, run_cli
from test_api import live_server

from yilian.graph.cypher_policy import Refused, check_plan, check_text

SEED = "002_067bdd6dd9228f8a.txt"


def _post(base, query, **kw):
    return httpx.post(f"{base}/cypher", json={"query": query}, timeout=kw.pop("timeout", 60), **kw)


# -- the policy on its own -------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "RETURN " + "(" * 700 + "1" + ")" * 700,
    "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " ELSE 0 END" * 300,
    "RETURN size(reduce(s='', x IN range(1,10000000) | s + 'xxxxxxxxxx'))",
    "RETURN range(1, toInteger('100'))",
    "RETURN range(0, 10, 0)",
])
def test_text_checks_refuse_parser_bombs_and_huge_ranges(query):
    with pytest.raises(Refused):
        check_text(query)


@pytest.mark.parametrize("query", [
    "MATCH (h:Hospital) WHERE h.name = '((((((((((((((((((((((((((((((((((((((((((((((((((' RETURN h",
    "// range(1, 100000000)\nMATCH (n) RETURN n",
    "UNWIND range(1, $n) AS x RETURN x",
    "RETURN [x IN range(0, 100) | x * 2]",
])
def test_text_checks_pass_ordinary_queries(query):
    check_text(query, {"n": 10})


def test_plan_check_refuses_by_operator_procedure_and_query_type():
    read = {"operatorType": "ProduceResults@neo4j", "children": [{"operatorType": "NodeByLabelScan@neo4j"}]}
    check_plan(read, "r")
    for plan, qtype in [({"operatorType": "LoadCSV@neo4j"}, "r"),
                        ({"operatorType": "ShowSettings@neo4j"}, "r"),
                        ({"operatorType": "AdministrationCommand@system"}, "s"),
                        ({"operatorType": "ProcedureCall@neo4j", "args": {"Details": "db.clearQueryCaches() :: (value :: STRING)"}}, "s"),
                        ({"operatorType": "SomethingNew@neo4j"}, "r"),
                        (read, "rw")]:
        with pytest.raises(Refused):
            check_plan(plan, qtype)
    check_plan({"operatorType": "ProcedureCall@neo4j", "args": {"Details": "db.labels() :: (label :: STRING)"}}, "r")


# -- through the API, on the session's Neo4j -----------------------------------------------------------

@pytest.fixture(scope="module")
def api(neo4j_server, seeds_available):
    import os

    os.environ["NEO4J_AUTH"] = f"neo4j/{NEO4J_PASSWORD}"
    with neo4j_server.driver() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    run_cli("load", seeds_available / SEED, "--store", neo4j_server.uri)
    with live_server(neo4j_server.uri, token="t") as base:
        yield base


def test_file_reads_and_url_fetches_are_refused_with_a_reason(api):
    for query in ["WITH '//' AS x LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 3",
                  "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
                  f"LOAD CSV FROM '{api}/health' AS l RETURN l"]:
        r = _post(api, query)
        assert r.status_code == 403 and "LOAD CSV" in r.json()["error"], (query, r.text)
        assert "root:" not in r.text


@pytest.mark.parametrize("query", [
    "SHOW SETTINGS", "CALL `dbms`.listConfig()", "SHOW USERS", "SHOW DATABASES", "SHOW TRANSACTIONS",
    "CALL db.clearQueryCaches()", "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t YIELD transactionId RETURN transactionId",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "CALL dbms.components()", "SHOW INDEXES",
    "CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN 1", "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
])
def test_admin_show_and_terminate_commands_are_refused(api, query):
    r = _post(api, query)
    assert r.status_code == 403 and r.json()["error"].startswith("refused: "), (query, r.status_code, r.text)


def test_reads_and_allowed_procedures_still_answer(api):
    r = _post(api, "MATCH (h:Hospital) RETURN h.name AS name ORDER BY name")
    assert r.status_code == 200 and {"name": "山东大学第二医院"} in r.json()
    r = _post(api, "CALL db.index.fulltext.queryNodes('yilian_names', '第二医院') YIELD node RETURN node.name AS name")
    assert r.status_code == 200 and any(row["name"] == "山东大学第二医院" for row in r.json())
    assert _post(api, "CALL db.labels() YIELD label RETURN label").status_code == 200


def test_mistakes_and_limits_are_json_errors_never_500(api):
    cases = {
        "MATCH (n) RETURN n LIMIT": 422,  # syntax, with positions in the client's own query
        "RETURN size(reduce(s='', x IN range(1,10000000) | s + 'xxxxxxxxxx'))": 403,
        "RETURN " + "(" * 700 + "1" + ")" * 700: 403,
        "RETURN " + "CASE WHEN true THEN " * 300 + "1" + " ELSE 0 END" * 300: 403,
        "UNWIND range(1,1000) AS x RETURN [y IN range(1,10000) | y]": 422,  # 48.9 MB: over the byte cap
    }
    for query, status in cases.items():
        r = _post(api, query)
        assert r.status_code == status and r.json()["error"], (query[:60], r.status_code, r.text[:300])
        assert len(r.content) < 10_000
    assert "column 25" in _post(api, "MATCH (n) RETURN n LIMIT").json()["error"]


def test_minor_http_behaviour(api):
    assert httpx.head(f"{api}/health").status_code == 200
    assert httpx.get(f"{api}/no-such-route").json() == {"error": "Not Found"}
    assert httpx.delete(f"{api}/health").json() == {"error": "Method Not Allowed"}
    hospital = httpx.get(f"{api}/hospitals", params={"q": "山东大学第二医院"}).json()["items"][0]["id"]
    assert httpx.get(f"{api}/hospitals/{hospital}/partners", params={"as_of": "2024-13-45"}).status_code == 422
    assert httpx.get(f"{api}/hospitals/{hospital}/partners", params={"as_of": "2024-12-31"}).status_code == 200
    text = "某市第一人民医院与某县人民医院签署紧密型医联体协议。"
    for scheme in ("bearer", "Bearer", "BEARER"):
        r = httpx.post(f"{api}/announcements", json={"text": text, "name": "a.txt"}, headers={"Authorization": f"{scheme} t"},
                       timeout=60)  # the first announcement loads the extraction resources
        assert r.status_code == 201, (scheme, r.text)
    assert httpx.post(f"{api}/announcements", json={"text": text}, headers={"Authorization": "bearer x"}, timeout=60).status_code == 401


# -- the local server's own walls, and runaway queries, on a Neo4j of this module's own ------------------

@pytest.fixture(scope="module")
def own_neo4j(tmp_path_factory):
    from yilian.graph import neo4j_server as ns

    data = tmp_path_factory.mktemp("cypher-neo4j")
    handle = ns.start(ns.find_free_port(), data, NEO4J_PASSWORD)
    yield handle
    ns.stop(data, timeout=3)


def test_local_neo4j_refuses_file_urls_and_remote_fetches_even_for_its_admin(own_neo4j, api):
    with own_neo4j.driver() as driver:
        for url in ("file:///etc/passwd", f"{api}/health"):
            with pytest.raises(neo4j.exceptions.Neo4jError) as e:
                driver.execute_query(f"LOAD CSV FROM '{url}' AS l RETURN l")
            assert "root:" not in str(e.value)


def test_slow_queries_are_cut_off_and_other_routes_stay_fast(own_neo4j, monkeypatch):
    monkeypatch.setenv("NEO4J_AUTH", f"neo4j/{NEO4J_PASSWORD}")
    slow = "UNWIND range(1,100000) AS x UNWIND range(1,100000) AS y RETURN count(*)"
    with live_server(own_neo4j.uri) as base:
        t0 = time.monotonic()
        r = _post(base, slow)
        assert r.status_code == 504 and "10 s" in r.json()["error"]
        assert time.monotonic() - t0 < 20
        # 45 at once: a few run, the rest are told to come back; /health never waits behind them
        with concurrent.futures.ThreadPoolExecutor(45) as pool:
            calls = [pool.submit(_post, base, slow) for _ in range(45)]
            time.sleep(1)
            t0 = time.monotonic()
            assert httpx.get(f"{base}/health", timeout=5).status_code == 200
            health_seconds = time.monotonic() - t0
            codes = [c.result().status_code for c in calls]
        assert health_seconds < 2
        assert set(codes) <= {429, 504} and codes.count(429) >= 40, codes
        assert all(c.result().json()["error"] for c in calls)


def test_a_query_neo4j_cannot_interrupt_gets_504_and_stop_escalates(own_neo4j, monkeypatch):
    """Loops inside one expression ignore Neo4j's transaction timeout: the API still answers in time
    and keeps the query's slot until it ends; `neo4j stop` kills the server after its grace period."""
    from yilian.graph import neo4j_server as ns

    monkeypatch.setenv("NEO4J_AUTH", f"neo4j/{NEO4J_PASSWORD}")
    endless = "RETURN reduce(s = 0, x IN range(1, 100000) | s + reduce(t = 0, y IN range(1, 100000) | t + y))"
    with live_server(own_neo4j.uri) as base:
        t0 = time.monotonic()
        r = _post(base, endless)
        assert r.status_code == 504 and r.json()["error"]
        assert time.monotonic() - t0 < 20
        assert httpx.get(f"{base}/stats", timeout=5).status_code == 200
    said = []
    t0 = time.monotonic()
    assert ns.stop(own_neo4j.data_dir, timeout=3, say=said.append)
    assert time.monotonic() - t0 < 15
    assert said and "killing" in said[0]
    assert not ns.status(own_neo4j.data_dir)["running"]
