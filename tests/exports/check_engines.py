"""Check exports with real engines: every `*.duckdb.sql` in DIR runs in a fresh in-memory
DuckDB database and creates its tables; every `*.avsc` parses with fastavro (the Apache
Avro implementation for Python) and round-trips a record of its first schema; every
`*.proto` compiles with protoc (grpcio-tools' build of it); every `*.dbt.yml` (models, with
its `*.dbt-sources.yml`) is parsed by dbt-core in a project of its own (a model file per
model, DuckDB as the adapter, every dbt warning an error); `migration.base.ddl` then
`migration.steps.ddl` run in DuckDB and give the columns (names, types, NOT NULL) of
`migration.new.ddl`, except where the migration says a step can't be done in place. Prints one line per failure and
exits 1 if any; `python check_engines.py DIR`."""
import decimal
import io
import json
import pathlib
import sys
import tempfile

import duckdb
import fastavro
import grpc_tools
import yaml
from dbt.cli.main import dbtRunner
from grpc_tools import protoc


def example(schema, named, depth=0):
    """A value of an Avro schema: the first branch of a union, empty arrays and maps, decimals of the schema's scale."""
    if isinstance(schema, list):
        return example(schema[0], named, depth)
    if isinstance(schema, str):
        if schema in named:
            return example(named[schema], named, depth + 1)
        return {"null": None, "string": "x", "long": 1, "int": 1, "double": 1.5,
                "boolean": True, "bytes": b"x", "float": 1.5}[schema]
    kind = schema["type"]
    if schema.get("logicalType") == "decimal":
        return decimal.Decimal(1).scaleb(-schema.get("scale", 0)).quantize(
            decimal.Decimal(1).scaleb(-schema.get("scale", 0)))
    if kind == "record":
        named[schema["name"]] = schema
        return {f["name"]: example(f["type"], named, depth + 1) for f in schema["fields"]}
    if kind == "enum":
        return schema["symbols"][0]
    if kind == "array":
        return []
    if kind == "map":
        return {}
    return example(kind, named, depth)


def dbt_parse(models, sources):
    """Whether dbt parses the models and sources YAML: (ok, why)."""
    with tempfile.TemporaryDirectory() as d:
        p = pathlib.Path(d)
        (p / "dbt_project.yml").write_text(
            "name: charter_check\nversion: '1.0'\nconfig-version: 2\nprofile: charter\n")
        (p / "profiles.yml").write_text(
            "charter:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ':memory:'\n")
        m = p / "models"
        m.mkdir()
        (m / "schema.yml").write_text(models.read_text())
        for model in yaml.safe_load(models.read_text()).get("models") or []:
            (m / f"{model['name']}.sql").write_text("select 1 as x\n")
        if sources.exists():
            (m / "sources.yml").write_text(sources.read_text())
        res = dbtRunner().invoke(["parse", "--project-dir", d, "--profiles-dir", d, "--quiet",
                                  "--no-partial-parse", "--warn-error-options", '{"error": "all"}'])
        return res.success, res.exception


def main(folder):
    failures = []
    checked = 0
    for sql in sorted(pathlib.Path(folder).glob("*.duckdb.sql")):
        con = duckdb.connect()
        try:
            con.execute(sql.read_text())
            tables = con.execute("select count(*) from duckdb_tables()").fetchone()[0]
            want = sql.read_text().count("CREATE TABLE ")
            if tables != want:
                failures.append(f"{sql.name}: {tables} tables created, {want} written")
        except Exception as e:  # noqa: BLE001 - every engine error is a failure to report
            failures.append(f"{sql.name}: {e}")
        checked += 1
    for avsc in sorted(pathlib.Path(folder).glob("*.avsc")):
        try:
            raw = json.loads(avsc.read_text())
            first = raw[0] if isinstance(raw, list) else raw
            parsed = fastavro.parse_schema(raw)
            record = example(first, {})
            buf = io.BytesIO()
            fastavro.writer(buf, fastavro.parse_schema(first), [record])
            buf.seek(0)
            back = list(fastavro.reader(buf))
            if back != [record]:
                failures.append(f"{avsc.name}: the record read back differs")
            del parsed
        except Exception as e:  # noqa: BLE001
            failures.append(f"{avsc.name}: {e}")
        checked += 1
    include = str(pathlib.Path(grpc_tools.__file__).parent / "_proto")
    with tempfile.TemporaryDirectory() as out:
        for proto in sorted(pathlib.Path(folder).glob("*.proto")):
            code = protoc.main(["protoc", f"-I{folder}", f"-I{include}", f"--python_out={out}", proto.name])
            if code != 0:
                failures.append(f"{proto.name}: protoc failed ({code})")
            checked += 1
    for models in sorted(pathlib.Path(folder).glob("*.dbt.yml")):
        ok, why = dbt_parse(models, models.with_name(models.name.replace(".dbt.yml", ".dbt-sources.yml")))
        if not ok:
            failures.append(f"{models.name}: dbt parse: {why}")
        checked += 1
    steps = pathlib.Path(folder) / "migration.steps.ddl"
    if steps.exists():
        columns = "select table_name, column_name, data_type, is_nullable from information_schema.columns order by 1, 2"
        migrated, wanted = duckdb.connect(), duckdb.connect()
        try:
            migrated.execute((pathlib.Path(folder) / "migration.base.ddl").read_text())
            migrated.execute(steps.read_text())
            wanted.execute((pathlib.Path(folder) / "migration.new.ddl").read_text())
            got, want = set(migrated.execute(columns).fetchall()), set(wanted.execute(columns).fetchall())
            # A difference is allowed only where the migration says the step isn't done in place.
            not_in_place = " ".join(l for l in steps.read_text().splitlines() if l.startswith("-- Not in place"))
            unsaid = [c for c in got ^ want if c[1] not in not_in_place]
            if unsaid:
                failures.append(f"migration: columns differ without a word: {sorted(unsaid)}")
        except Exception as e:  # noqa: BLE001
            failures.append(f"migration: {e}")
        checked += 1
    for f in failures:
        print(f)
    print(f"{checked} exports checked, {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv[1])
