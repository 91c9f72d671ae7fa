"""The quick mode of `make bench`: every shape the benchmark times answers what raw SQL
answers on the same data (or, where raw SQL cannot build it, answers consistently), so
the timed mode compares like with like."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bench import answers, shapes
from bench.inprocess import count_objects, floor_answer, measure_async
from bench.run import SECRET, _query
from gateway.database import Database
from resolvers.demo_data import seed_demo
from resolvers.tokens import issue_token


async def _token(db: Database) -> str:
    async with db.write() as conn:
        return (await issue_token(conn, name="bench", grants=["*"])).token


async def test_nested_answer_equals_raw_sql(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    # Given a demo company of 30 customers, and a token that reads everything
    await seed_demo(db, customers=30, storage_dir=tmp_path)
    token = await _token(db)

    # When the gateway answers N and raw SQL builds the same answer
    result = await measure_async(database_url, SECRET, token, _query("nested"), rounds=1)

    # Then both are the same records, in the same order, to the cent and the second
    assert result.same_answer
    async with floor_answer(database_url) as answer:
        expected = await answer()
    assert count_objects(expected) == result.objects > 100
    # read by the compiled path (schema/compiled) in one statement
    assert result.statements == 1


async def test_every_shape_answers_right(db: Database, database_url: str, tmp_path: Path) -> None:
    # Given a demo company of 30 customers
    await seed_demo(db, customers=30, storage_dir=tmp_path)
    token = await _token(db)

    # When every shape the benchmark times is asked of the gateway
    verdicts = await answers.verdicts(database_url, SECRET, token)

    # Then each one answered, and answered right
    assert [v.key for v in verdicts] == [s.key for s in shapes.SHAPES]
    wrong = [f"{v.key}: {v.detail}" for v in verdicts if not v.ok]
    assert not wrong, wrong


def test_edges_read_as_nodes_and_cursors_checked() -> None:
    # E's verdict rests on these two: an edges answer read as nodes, and its cursors.
    edges = [{"cursor": "a", "node": {"id": 1}}, {"cursor": "b", "node": {"id": 2}}]
    answer = {"c": {"edges": edges}}
    assert answers.as_nodes(answer) == {"c": {"nodes": [{"id": 1}, {"id": 2}]}}
    assert answers.cursors_distinct(answer)
    repeated = {"c": {"edges": [{"cursor": "a", "node": {}}, {"cursor": "a", "node": {}}]}}
    assert not answers.cursors_distinct(repeated)
    assert not answers.cursors_distinct({"c": {"edges": [{"cursor": "", "node": {}}]}})


def test_every_graphql_shape_has_both_documents() -> None:
    for shape in shapes.SHAPES:
        if shape.file is None:
            continue
        assert shapes.document(shape).lstrip().startswith("#")
        if shape.peer:
            assert shapes.document(shape, peer=True).lstrip().startswith("#")


async def test_raw_sql_answer_sees_soft_deletes(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    # The floor must follow the gateway's rules, or the comparison above proves nothing.
    await seed_demo(db, customers=3, storage_dir=tmp_path)
    async with floor_answer(database_url) as answer:
        before = count_objects(await answer())
        async with db.write() as conn:
            await conn.execute(text("UPDATE contacts SET deleted_at = created_at"))
        assert count_objects(await answer()) < before
