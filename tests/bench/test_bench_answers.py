"""The quick mode of `make bench`: the benchmark's queries answer exactly what raw SQL
answers on the same data, so the timed mode compares like with like."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bench.inprocess import count_objects, floor_answer, measure_async
from bench.run import SECRET, _query
from gateway.database import Database
from resolvers.demo_data import seed_demo
from resolvers.tokens import issue_token


async def test_nested_answer_equals_raw_sql(
    db: Database, database_url: str, tmp_path: Path
) -> None:
    # Given a demo company of 30 customers, and a token that reads everything
    await seed_demo(db, customers=30, storage_dir=tmp_path)
    async with db.write() as conn:
        token = (await issue_token(conn, name="bench", grants=["*"])).token

    # When the gateway answers N and raw SQL builds the same answer
    result = await measure_async(database_url, SECRET, token, _query("nested"), rounds=1)

    # Then both are the same records, in the same order, to the cent and the second
    assert result.same_answer
    async with floor_answer(database_url) as answer:
        expected = await answer()
    assert count_objects(expected) == result.objects > 100
    # read by the compiled path (schema/compiled) in one statement
    assert result.statements == 1


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
