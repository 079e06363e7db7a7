//! The Open Data Contract Standard v3 (v3.0.0 to v3.2.0), as Charter models it.
//!
//! One model serves every version: a field, variant or required key carries the versions
//! it belongs to (`since`/`until`, indexes into [`super::ODCS_VERSIONS`]), and objects the
//! v3.0.x schemas leave open say so with `open_before`. Written by us from the standard's
//! facts (its documentation and schemas); conformance with each official JSON Schema is
//! proven by `crates/core/tests/conformance.rs`, which reads the official files from
//! `../shared/reference/` at test time.
//!
//! Where the official schema and the standard's text disagree, Charter follows the schema
//! (documented in `docs/standards.md`).

use super::{
    count_in, f, values_in, Field, Fmt, Model, ObjSpec, Pat, Ty, Variant, CURRENT, MEMBER_DATE_IN,
    MEMBER_DATE_OUT, MEMBER_DESCRIPTION, MEMBER_NAME, MEMBER_REPLACED_BY, MEMBER_ROLE,
    MEMBER_USERNAME, ODCS_VERSIONS, V3_0_0, V3_0_1, V3_0_2, V3_1_0, V3_2_0,
};
use crate::codes;
use crate::diag::Diagnostic;
use crate::validate::Cx;
use crate::yaml::Node;

/// The version new contracts declare.
pub const LATEST: &str = "v3.2.0";

/// ODCS v3.0.0 to v3.2.0 (as released on 2026-09-08).
pub static MODEL: Model = Model {
    standard: "ODCS",
    versions: &ODCS_VERSIONS,
    root: &ROOT,
};

/// Logical types, with the version that added each.
const LOGICAL_TYPE_SINCE: &[(&str, u8)] = &[
    ("string", 0),
    ("date", 0),
    ("timestamp", V3_1_0),
    ("time", V3_1_0),
    ("number", 0),
    ("integer", 0),
    ("object", 0),
    ("array", 0),
    ("boolean", 0),
    ("map", V3_2_0),
    ("vector", V3_2_0),
];
static LOGICAL_TYPES_V3_0: [&str; count_in(LOGICAL_TYPE_SINCE, V3_0_0)] =
    values_in(LOGICAL_TYPE_SINCE, V3_0_0);
static LOGICAL_TYPES_V3_1: [&str; count_in(LOGICAL_TYPE_SINCE, V3_1_0)] =
    values_in(LOGICAL_TYPE_SINCE, V3_1_0);
/// The logical types version `ver` (an index into the ODCS versions) allows.
pub fn logical_types(ver: u8) -> Vec<&'static str> {
    LOGICAL_TYPE_SINCE
        .iter()
        .filter(|(_, since)| *since <= ver)
        .map(|(t, _)| *t)
        .collect()
}

/// Logical types of the newest version.
pub static LOGICAL_TYPES: [&str; count_in(LOGICAL_TYPE_SINCE, V3_2_0)] =
    values_in(LOGICAL_TYPE_SINCE, V3_2_0);

/// Server types, with the version that added each.
const SERVER_TYPE_SINCE: &[(&str, u8)] = &[
    ("api", 0),
    ("athena", 0),
    ("azure", 0),
    ("bigquery", 0),
    ("btrieve", V3_2_0),
    ("clickhouse", 0),
    ("databricks", 0),
    ("denodo", 0),
    ("dremio", 0),
    ("duckdb", 0),
    ("exasol", V3_2_0),
    ("fastobjects", V3_2_0),
    ("glue", 0),
    ("hana", V3_2_0),
    ("cloudsql", 0),
    ("db2", 0),
    ("hive", V3_1_0),
    ("iceberg", V3_2_0),
    ("impala", V3_1_0),
    ("informix", 0),
    ("ingres", V3_2_0),
    ("kafka", 0),
    ("kinesis", 0),
    ("local", 0),
    ("mysql", 0),
    ("oracle", 0),
    ("poet", V3_2_0),
    ("postgresql", 0),
    ("postgres", 0),
    ("presto", 0),
    ("pubsub", 0),
    ("redshift", 0),
    ("s3", 0),
    ("sftp", 0),
    ("snowflake", 0),
    ("sqlserver", 0),
    ("synapse", 0),
    ("teradata", V3_2_0),
    ("trino", 0),
    ("vectorwise", V3_2_0),
    ("versant", V3_2_0),
    ("vertica", 0),
    ("zen", V3_1_0),
    ("custom", 0),
];
static SERVER_TYPES_V3_0: [&str; count_in(SERVER_TYPE_SINCE, V3_0_0)] =
    values_in(SERVER_TYPE_SINCE, V3_0_0);
static SERVER_TYPES_V3_1: [&str; count_in(SERVER_TYPE_SINCE, V3_1_0)] =
    values_in(SERVER_TYPE_SINCE, V3_1_0);
/// Server types of the newest version.
pub static SERVER_TYPES: [&str; count_in(SERVER_TYPE_SINCE, V3_2_0)] =
    values_in(SERVER_TYPE_SINCE, V3_2_0);

pub const QUALITY_DIMENSIONS: &[&str] = &[
    "accuracy",
    "completeness",
    "conformity",
    "consistency",
    "coverage",
    "timeliness",
    "uniqueness",
];
pub const QUALITY_TYPES: &[&str] = &["text", "library", "sql", "custom"];
pub const QUALITY_METRICS: &[&str] = &[
    "nullValues",
    "missingValues",
    "invalidValues",
    "duplicateValues",
    "rowCount",
];
pub const QUALITY_OPERATORS: &[&str] = &[
    "mustBe",
    "mustNotBe",
    "mustBeGreaterThan",
    "mustBeGreaterOrEqualTo",
    "mustBeLessThan",
    "mustBeLessOrEqualTo",
    "mustBeBetween",
    "mustNotBeBetween",
];

// ---------------------------------------------------------------- shared pieces

static CUSTOM_PROPERTY: ObjSpec = ObjSpec::closed(
    "custom property",
    &[
        f(
            "id",
            Ty::Pattern(Pat::StableId),
            "Stable id of this custom property.",
        )
        .since(V3_1_0),
        f(
            "property",
            Ty::Str,
            "Name of the custom property, in camelCase.",
        ),
        f("value", Ty::Any, "Value of the custom property."),
        f("description", Ty::Str, "What the custom property means.").since(V3_1_0),
        f("vendor", Ty::Str, "Vendor the property is specific to.").since(V3_2_0),
    ],
    &[],
)
.open_before(V3_1_0)
.required_in(&[("property", V3_1_0, CURRENT), ("value", V3_1_0, CURRENT)]);
static CUSTOM_PROPERTY_TY: Ty = Ty::Obj(&CUSTOM_PROPERTY);

static AUTH_DEF: ObjSpec = ObjSpec::closed(
    "authoritative definition",
    &[
        STABLE_ID.since(V3_1_0),
        f("url", Ty::Str, "Where the definition lives."),
        f("type", Ty::Str, "Kind of definition: businessDefinition, transformationImplementation, videoTutorial, tutorial, implementation..."),
        f("description", Ty::Str, "What the link points to.").since(V3_1_0),
    ],
    &["url", "type"],
)
.open_before(V3_1_0);
static AUTH_DEF_TY: Ty = Ty::Obj(&AUTH_DEF);

// Fields many objects share.
const CUSTOM_PROPERTIES: Field = f(
    "customProperties",
    Ty::List(&CUSTOM_PROPERTY_TY),
    "Custom properties not covered by the standard.",
);
const AUTH_DEFS: Field = f(
    "authoritativeDefinitions",
    Ty::List(&AUTH_DEF_TY),
    "Links to authoritative definitions.",
);
const TAGS: Field = f("tags", Ty::List(&Ty::Str), "Tags.");
const STABLE_ID: Field = f("id", Ty::Pattern(Pat::StableId), "Stable id.");

static ROLE: ObjSpec = ObjSpec::closed(
    "role",
    &[
        STABLE_ID.since(V3_1_0),
        f(
            "role",
            Ty::Str,
            "Name of the IAM role that gives access to the data.",
        ),
        f("description", Ty::Str, "What the role is for."),
        f(
            "access",
            Ty::Str,
            "Type of access the role grants, e.g. read or write.",
        ),
        f(
            "firstLevelApprovers",
            Ty::Str,
            "Who approves a request for this role first.",
        ),
        f(
            "secondLevelApprovers",
            Ty::Str,
            "Who approves a request for this role second.",
        ),
        CUSTOM_PROPERTIES.since(V3_0_1),
    ],
    &["role"],
)
.open_before(V3_1_0);
static ROLE_TY: Ty = Ty::Obj(&ROLE);

// ---------------------------------------------------------------- servers

macro_rules! server_variant {
    ($label:literal, [$($t:literal),+], [$($field:expr),* $(,)?], [$($req:literal),*]) => {
        Variant {
            label: $label,
            applies: |n| matches!(n.get("type").and_then(Node::as_str), Some($($t)|+)),
            fields: &[$($field),*],
            required: &[$($req),*],
            since: 0,
            until: CURRENT,
        }
    };
}

const URI: Ty = Ty::Formatted(Fmt::Uri);
const HOST: Field = f("host", Ty::Str, "Host name.");
const PORT: Field = f("port", Ty::Int, "Port number.").until(V3_2_0);
/// Since v3.2.0 a port may also be text, e.g. a `${PORT}` variable.
static PORT_FORMS: [Ty; 2] = [Ty::Int, Ty::Str];
const PORT_V3_2: Field = f(
    "port",
    Ty::Either(&PORT_FORMS),
    "Port number, or text such as a `${PORT}` variable.",
)
.since(V3_2_0);
const ENCODING: Field = f("encoding", Ty::Str, "Character encoding, e.g. UTF-8.").since(V3_2_0);
const FILE_FORMATS_V3_0: &[&str] = &["parquet", "delta", "json", "csv"];
const FORMAT_V3_0: Field = f(
    "format",
    Ty::Enum(FILE_FORMATS_V3_0),
    "File format: parquet, delta, json, csv.",
)
.until(V3_1_0);
const DELIMITER_V3_0: Field = f(
    "delimiter",
    Ty::Enum(&["new_line", "array"]),
    "For JSON: new_line or array.",
)
.until(V3_1_0);
const DATABASE: Field = f("database", Ty::Str, "Database name.");
const SCHEMA_NAME: Field = f("schema", Ty::Str, "Schema name.");
const FORMAT: Field = f("format", Ty::Str, "File format.");
const DELIMITER: Field = f("delimiter", Ty::Str, "For JSON: new_line or array.").since(V3_1_0);
const FILE_FORMAT: Field = FORMAT.since(V3_1_0);

static SERVER_VARIANTS: &[Variant] = &[
    server_variant!(
        "an api server",
        ["api"],
        [f("location", URI, "URL of the API.")],
        ["location"]
    ),
    // v3.0.0 and v3.0.1 require `staging_dir`, a key they never define; v3.0.2 fixed the
    // name to `stagingDir`, and v3.2.0 made it optional.
    server_variant!(
        "an athena server",
        ["athena"],
        [
            f(
                "stagingDir",
                URI,
                "Amazon S3 location for Athena query results."
            ),
            f("schema", Ty::Str, "Athena schema (database)."),
            f("catalog", Ty::Str, "Athena data catalog."),
            f("regionName", Ty::Str, "AWS region of Athena."),
        ],
        ["staging_dir", "schema"]
    )
    .until(V3_0_2),
    server_variant!(
        "an athena server",
        ["athena"],
        [
            f(
                "stagingDir",
                URI,
                "Amazon S3 location for Athena query results."
            ),
            f("schema", Ty::Str, "Athena schema (database)."),
            f("catalog", Ty::Str, "Athena data catalog."),
            f("regionName", Ty::Str, "AWS region of Athena."),
        ],
        ["stagingDir", "schema"]
    )
    .since(V3_0_2)
    .until(V3_2_0),
    server_variant!(
        "an athena server",
        ["athena"],
        [
            f(
                "stagingDir",
                URI,
                "Amazon S3 location for Athena query results."
            ),
            f("schema", Ty::Str, "Athena schema (database)."),
            f("catalog", Ty::Str, "Athena data catalog."),
            f("regionName", Ty::Str, "AWS region of Athena."),
            f("workgroup", Ty::Str, "Athena workgroup."),
        ],
        ["schema"]
    )
    .since(V3_2_0),
    server_variant!(
        "an azure server",
        ["azure"],
        [
            f(
                "location",
                URI,
                "Fully qualified path to the data, e.g. abfss://..."
            ),
            f("format", Ty::Str, "File format: parquet, delta, json, csv.").since(V3_1_0),
            FORMAT_V3_0,
            DELIMITER,
            DELIMITER_V3_0,
            ENCODING,
        ],
        ["location", "format"]
    ),
    server_variant!(
        "a bigquery server",
        ["bigquery"],
        [
            f("project", Ty::Str, "GCP project name."),
            f("dataset", Ty::Str, "BigQuery dataset."),
        ],
        ["project", "dataset"]
    ),
    server_variant!(
        "a clickhouse server",
        ["clickhouse"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "a databricks server",
        ["databricks"],
        [
            f("host", Ty::Str, "Databricks host."),
            f("catalog", Ty::Str, "Unity catalog name."),
            f("schema", Ty::Str, "Schema name in the catalog."),
        ],
        ["catalog", "schema"]
    ),
    server_variant!(
        "a denodo server",
        ["denodo"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "port"]
    ),
    server_variant!(
        "a dremio server",
        ["dremio"],
        [HOST, PORT, PORT_V3_2, SCHEMA_NAME,],
        ["host", "port"]
    ),
    server_variant!(
        "a duckdb server",
        ["duckdb"],
        [
            f("database", Ty::Str, "Path to the database file."),
            f(
                "schema",
                Ty::Int,
                "Schema (a number in the v3.0.x schemas)."
            )
            .until(V3_1_0),
            SCHEMA_NAME.since(V3_1_0),
        ],
        ["database"]
    ),
    server_variant!(
        "a glue server",
        ["glue"],
        [
            f("account", Ty::Str, "AWS account id."),
            f("database", Ty::Str, "Glue database name."),
            f("location", URI, "S3 location of the data."),
            FORMAT,
            ENCODING,
        ],
        ["account", "database"]
    ),
    server_variant!(
        "a cloudsql server",
        ["cloudsql"],
        [HOST, PORT, PORT_V3_2, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database", "schema"]
    ),
    server_variant!(
        "a db2 server",
        ["db2"],
        [HOST, PORT, PORT_V3_2, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "a hive server",
        ["hive"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "database"]
    )
    .since(V3_1_0),
    server_variant!(
        "an impala server",
        ["impala"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "database"]
    )
    .since(V3_1_0),
    server_variant!(
        "an informix server",
        ["informix"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "database"]
    ),
    server_variant!(
        "a zen server",
        ["zen"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "database"]
    )
    .since(V3_1_0),
    // Actian (RFC 0059): `btrieve` is read as a zen server, `fastobjects` as a poet one.
    server_variant!(
        "a btrieve server",
        ["btrieve"],
        [HOST, PORT_V3_2, DATABASE],
        ["host", "database"]
    )
    .since(V3_2_0),
    server_variant!(
        "an ingres server",
        ["ingres"],
        [HOST, PORT_V3_2, DATABASE],
        ["database", "host"]
    )
    .since(V3_2_0),
    server_variant!(
        "a vectorwise server",
        ["vectorwise"],
        [HOST, PORT_V3_2, DATABASE],
        ["database", "host"]
    )
    .since(V3_2_0),
    server_variant!(
        "a versant server",
        ["versant"],
        [HOST, PORT_V3_2, DATABASE],
        ["database"]
    )
    .since(V3_2_0),
    server_variant!(
        "a poet server",
        ["poet"],
        [HOST, PORT_V3_2, DATABASE],
        ["database"]
    )
    .since(V3_2_0),
    server_variant!(
        "a fastobjects server",
        ["fastobjects"],
        [HOST, PORT_V3_2, DATABASE],
        ["database"]
    )
    .since(V3_2_0),
    server_variant!(
        "an exasol server",
        ["exasol"],
        [HOST, PORT_V3_2, SCHEMA_NAME],
        ["host"]
    )
    .since(V3_2_0),
    server_variant!(
        "a hana server",
        ["hana"],
        [HOST, PORT_V3_2, DATABASE, SCHEMA_NAME],
        ["host"]
    )
    .since(V3_2_0),
    server_variant!(
        "an iceberg server",
        ["iceberg"],
        [
            f("catalog", Ty::Str, "Iceberg catalog name."),
            f("catalogUrl", URI, "URL of the Iceberg REST catalog."),
            f("namespace", Ty::Str, "Namespace of the tables."),
            f("warehouse", Ty::Str, "Warehouse location."),
        ],
        ["catalog", "catalogUrl"]
    )
    .since(V3_2_0),
    server_variant!(
        "a teradata server",
        ["teradata"],
        [HOST, PORT_V3_2, DATABASE],
        ["host"]
    )
    .since(V3_2_0),
    server_variant!(
        "a custom server",
        ["custom"],
        [
            f("account", Ty::Str, "Account."),
            f("catalog", Ty::Str, "Catalog."),
            f("database", Ty::Str, "Database."),
            f("dataset", Ty::Str, "Dataset."),
            f("delimiter", Ty::Str, "Delimiter."),
            f("endpointUrl", URI, "Endpoint URL."),
            f("format", Ty::Str, "Format."),
            f("host", Ty::Str, "Host."),
            f("location", URI, "Location."),
            f("path", Ty::Str, "Path."),
            f("port", Ty::Int, "Port.").until(V3_2_0),
            PORT_V3_2,
            f("project", Ty::Str, "Project."),
            f("region", Ty::Str, "Region."),
            f("regionName", Ty::Str, "Region name."),
            f("schema", Ty::Str, "Schema."),
            f("serviceName", Ty::Str, "Service name."),
            f("stagingDir", Ty::Str, "Staging directory."),
            f("warehouse", Ty::Str, "Warehouse."),
            f("stream", Ty::Str, "Stream.").since(V3_1_0),
            ENCODING,
        ],
        []
    ),
    server_variant!(
        "a kafka server",
        ["kafka"],
        [
            f("host", Ty::Str, "Bootstrap server(s), host:port."),
            f("format", Ty::Str, "Message format: json, avro, protobuf..."),
            ENCODING,
        ],
        ["host"]
    ),
    server_variant!(
        "a kinesis server",
        ["kinesis"],
        [
            f("region", Ty::Str, "AWS region."),
            f("format", Ty::Str, "Record format."),
            ENCODING,
        ],
        []
    ),
    server_variant!(
        "a local server",
        ["local"],
        [f("path", Ty::Str, "Path to the file(s)."), FORMAT, ENCODING,],
        ["path", "format"]
    ),
    server_variant!(
        "a mysql server",
        ["mysql"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "an oracle server",
        ["oracle"],
        [
            HOST,
            PORT,
            PORT_V3_2,
            f("serviceName", Ty::Str, "Oracle service name."),
        ],
        ["host", "port", "serviceName"]
    ),
    server_variant!(
        "a postgres server",
        ["postgresql", "postgres"],
        [
            HOST,
            f("port", Ty::Int, "Port number, e.g. 5432.").until(V3_2_0),
            PORT_V3_2,
            DATABASE,
            f("schema", Ty::Str, "Schema name in the database."),
        ],
        ["host", "port", "database", "schema"]
    ),
    server_variant!(
        "a presto server",
        ["presto"],
        [
            HOST,
            f("catalog", Ty::Str, "Catalog."),
            f("schema", Ty::Str, "Schema."),
        ],
        ["host"]
    ),
    server_variant!(
        "a pubsub server",
        ["pubsub"],
        [f("project", Ty::Str, "GCP project.")],
        ["project"]
    ),
    server_variant!(
        "a redshift server",
        ["redshift"],
        [
            HOST,
            DATABASE,
            SCHEMA_NAME,
            f("region", Ty::Str, "AWS region."),
            f("account", Ty::Str, "AWS account."),
        ],
        ["database", "schema"]
    ),
    server_variant!(
        "an s3 server",
        ["s3"],
        [
            f("location", URI, "S3 URL, e.g. s3://bucket/path/*.json."),
            f("endpointUrl", URI, "Endpoint for S3-compatible stores."),
            FILE_FORMAT,
            FORMAT_V3_0,
            DELIMITER,
            DELIMITER_V3_0,
            ENCODING,
        ],
        ["location"]
    ),
    server_variant!(
        "an sftp server",
        ["sftp"],
        [
            f(
                "location",
                Ty::Pattern(Pat::SftpUrl),
                "sftp:// URL of the files."
            ),
            FILE_FORMAT,
            FORMAT_V3_0,
            DELIMITER,
            DELIMITER_V3_0,
            ENCODING,
        ],
        ["location"]
    ),
    server_variant!(
        "a snowflake server",
        ["snowflake"],
        [
            HOST,
            PORT,
            PORT_V3_2,
            f("account", Ty::Str, "Snowflake account."),
            DATABASE,
            SCHEMA_NAME,
            f("warehouse", Ty::Str, "Warehouse."),
        ],
        ["account", "database", "schema"]
    ),
    server_variant!(
        "a sqlserver server",
        ["sqlserver"],
        [HOST, PORT, PORT_V3_2, DATABASE, SCHEMA_NAME,],
        ["host", "database", "schema"]
    ),
    server_variant!(
        "a synapse server",
        ["synapse"],
        [HOST, PORT, PORT_V3_2, DATABASE,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "a trino server",
        ["trino"],
        [
            HOST,
            PORT,
            PORT_V3_2,
            f("catalog", Ty::Str, "Catalog."),
            f("schema", Ty::Str, "Schema."),
        ],
        ["host", "port", "catalog", "schema"]
    ),
    server_variant!(
        "a vertica server",
        ["vertica"],
        [HOST, PORT, PORT_V3_2, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database", "schema"]
    ),
];

static SERVER: ObjSpec = ObjSpec {
    name: "server",
    fields: &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id of the server.").since(V3_1_0),
        f(
            "server",
            Ty::Str,
            "Identifier of the server, e.g. production-db.",
        ),
        f(
            "type",
            Ty::Enum(&SERVER_TYPES_V3_0),
            "Type of the server: postgres, kafka, snowflake, s3...",
        )
        .until(V3_1_0),
        f(
            "type",
            Ty::Enum(&SERVER_TYPES_V3_1),
            "Type of the server: postgres, kafka, snowflake, s3...",
        )
        .since(V3_1_0)
        .until(V3_2_0),
        f(
            "type",
            Ty::Enum(&SERVER_TYPES),
            "Type of the server: postgres, kafka, snowflake, s3...",
        )
        .since(V3_2_0),
        f("description", Ty::Str, "What this server is."),
        f(
            "environment",
            Ty::Str,
            "Environment: prod, preprod, dev, uat...",
        ),
        f(
            "roles",
            Ty::List(&ROLE_TY),
            "Roles giving access to this server.",
        ),
        CUSTOM_PROPERTIES,
    ],
    required: &["server", "type"],
    closed: true,
    variants: SERVER_VARIANTS,
    check: None,
    open_before: V3_1_0,
    required_in: &[],
};
static SERVER_TY: Ty = Ty::Obj(&SERVER);

// ---------------------------------------------------------------- quality

fn quality_is_library(n: &Node) -> bool {
    n.get("type").and_then(Node::as_str) == Some("library")
        || n.get("metric").and_then(Node::as_str).is_some()
}

const OPERATOR_FIELDS: [Field; 8] = [
    f("mustBe", Ty::Any, "The result must equal this value."),
    f(
        "mustNotBe",
        Ty::Any,
        "The result must not equal this value.",
    ),
    f(
        "mustBeGreaterThan",
        Ty::Num,
        "The result must be greater than this number.",
    ),
    f(
        "mustBeGreaterOrEqualTo",
        Ty::Num,
        "The result must be at least this number.",
    ),
    f(
        "mustBeLessThan",
        Ty::Num,
        "The result must be less than this number.",
    ),
    f(
        "mustBeLessOrEqualTo",
        Ty::Num,
        "The result must be at most this number.",
    ),
    f(
        "mustBeBetween",
        Ty::NumPair,
        "The result must lie between these two numbers, inclusive.",
    ),
    f(
        "mustNotBeBetween",
        Ty::NumPair,
        "The result must lie outside these two numbers.",
    ),
];

/// v3.0.x reads a rule without `type` as a library rule, which needs `rule`; operators
/// are optional and may be combined.
fn quality_is_library_v3_0(n: &Node) -> bool {
    matches!(n.get("type").and_then(Node::as_str), Some("library") | None)
        && !matches!(n.get("type"), Some(t) if t.as_str().is_none())
}

static QUALITY_VARIANTS: &[Variant] = &[
    Variant {
        label: "a library quality rule",
        applies: quality_is_library_v3_0,
        fields: &[
            f(
                "rule",
                Ty::Str,
                "Predefined rule: duplicateCount, validValues, rowCount...",
            ),
            OPERATOR_FIELDS[0],
            OPERATOR_FIELDS[1],
            OPERATOR_FIELDS[2],
            OPERATOR_FIELDS[3],
            OPERATOR_FIELDS[4],
            OPERATOR_FIELDS[5],
            OPERATOR_FIELDS[6],
            OPERATOR_FIELDS[7],
        ],
        required: &["rule"],
        since: 0,
        until: V3_1_0,
    },
    Variant {
        label: "a library quality rule",
        applies: quality_is_library,
        fields: &[
            f(
                "metric",
                Ty::Enum(QUALITY_METRICS),
                "Metric computed by the rule: nullValues, rowCount...",
            ),
            f("rule", Ty::Str, "Former name of `metric`.")
                .deprecated("`rule` is deprecated since v3.1.0: use `metric`."),
            f("arguments", Ty::AnyObj, "Arguments of the metric."),
            OPERATOR_FIELDS[0],
            OPERATOR_FIELDS[1],
            OPERATOR_FIELDS[2],
            OPERATOR_FIELDS[3],
            OPERATOR_FIELDS[4],
            OPERATOR_FIELDS[5],
            OPERATOR_FIELDS[6],
            OPERATOR_FIELDS[7],
        ],
        required: &["metric"],
        since: V3_1_0,
        until: CURRENT,
    },
    Variant {
        // v3.0.x sql rules have only `query`; the operators came in v3.1.0.
        label: "an sql quality rule",
        applies: |n| n.get("type").and_then(Node::as_str) == Some("sql"),
        fields: &[
            f(
                "query",
                Ty::Str,
                "SQL query whose result is compared with the operator.",
            ),
            OPERATOR_FIELDS[0].since(V3_1_0),
            OPERATOR_FIELDS[1].since(V3_1_0),
            OPERATOR_FIELDS[2].since(V3_1_0),
            OPERATOR_FIELDS[3].since(V3_1_0),
            OPERATOR_FIELDS[4].since(V3_1_0),
            OPERATOR_FIELDS[5].since(V3_1_0),
            OPERATOR_FIELDS[6].since(V3_1_0),
            OPERATOR_FIELDS[7].since(V3_1_0),
        ],
        required: &["query"],
        since: 0,
        until: CURRENT,
    },
    Variant {
        label: "a custom quality rule",
        applies: |n| n.get("type").and_then(Node::as_str) == Some("custom"),
        fields: &[
            f(
                "engine",
                Ty::Str,
                "Engine that runs the rule: soda, greatExpectations, montecarlo...",
            ),
            f(
                "implementation",
                Ty::Either(&[Ty::Str, Ty::AnyObj]),
                "The rule in the engine's own language.",
            ),
        ],
        required: &["engine", "implementation"],
        since: 0,
        until: CURRENT,
    },
];

fn check_quality(cx: &mut Cx, n: &Node, path: &str) {
    // Before v3.1.0 operators are optional and may be combined.
    if cx.ver < V3_1_0 {
        return;
    }
    let is_lib = quality_is_library(n);
    let is_sql = n.get("type").and_then(Node::as_str) == Some("sql");
    if !(is_lib || is_sql) {
        return;
    }
    let Some(entries) = n.as_map() else { return };
    let ops: Vec<_> = entries
        .iter()
        .filter(|e| QUALITY_OPERATORS.contains(&e.key.as_str()))
        .collect();
    let what = if is_sql { "an sql" } else { "a library" };
    if ops.is_empty() {
        cx.push(Diagnostic::new(
            &codes::ONE_OPERATOR,
            format!(
                "{what} quality rule needs one operator to compare its result with: {}.",
                QUALITY_OPERATORS.join(", ")
            ),
            path,
            cx.anchor_of(n),
        ));
    } else if ops.len() > 1 {
        for e in &ops[1..] {
            cx.push(Diagnostic::new(
                &codes::ONE_OPERATOR,
                format!(
                    "{what} quality rule takes exactly one operator, but it has `{}` and `{}`. Split it into two rules.",
                    ops[0].key, e.key
                ),
                crate::validate::child(path, &e.key),
                e.key_span,
            ));
        }
    }
}

static QUALITY: ObjSpec = ObjSpec {
    name: "quality rule",
    fields: &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id of the rule.").since(V3_1_0),
        f("name", Ty::Str, "Short name of the rule."),
        f(
            "description",
            Ty::Str,
            "What the rule checks, in plain words.",
        ),
        f(
            "type",
            Ty::Enum(QUALITY_TYPES),
            "Kind of rule: text, library, sql or custom.",
        ),
        f(
            "dimension",
            Ty::Enum(QUALITY_DIMENSIONS),
            "Data-quality dimension the rule measures.",
        ),
        f(
            "method",
            Ty::Str,
            "How the rule is checked: reconciliation...",
        ),
        f(
            "severity",
            Ty::Str,
            "Severity when the rule fails: error, warning...",
        ),
        f(
            "businessImpact",
            Ty::Str,
            "Consequence of a failure: operational, regulatory...",
        ),
        f("unit", Ty::Str, "Unit of the result: rows, percent."),
        f(
            "schedule",
            Ty::Str,
            "When the rule runs, e.g. a cron expression.",
        ),
        f("scheduler", Ty::Str, "What schedules the rule, e.g. cron."),
        TAGS,
        AUTH_DEFS,
        CUSTOM_PROPERTIES,
    ],
    required: &[],
    closed: true,
    variants: QUALITY_VARIANTS,
    check: Some(check_quality),
    open_before: V3_1_0,
    required_in: &[],
};
static QUALITY_TY: Ty = Ty::Obj(&QUALITY);

// ---------------------------------------------------------------- relationships

static REFERENCE: Ty = Ty::Pattern(Pat::Reference);
static REFERENCES: [Ty; 2] = [Ty::Pattern(Pat::Reference), Ty::NonEmptyList(&REFERENCE)];
static REFERENCE_V3_2: Ty = Ty::Pattern(Pat::Reference32);
static REFERENCES_V3_2: [Ty; 2] = [
    Ty::Pattern(Pat::Reference32),
    Ty::NonEmptyList(&REFERENCE_V3_2),
];

/// `type`, `id`, `from`, `to` and `customProperties` of a relationship.
macro_rules! relationship_fields {
    ($from_doc:literal, $to_doc:literal) => {
        &[
            f(
                "type",
                Ty::Enum(&["foreignKey"]),
                "Kind of relationship; only foreignKey.",
            ),
            f("id", Ty::Str, "Id of the relationship.").since(V3_2_0),
            f("from", Ty::Either(&REFERENCES), $from_doc).until(V3_2_0),
            f("from", Ty::Either(&REFERENCES_V3_2), $from_doc).since(V3_2_0),
            f("to", Ty::Either(&REFERENCES), $to_doc).until(V3_2_0),
            f("to", Ty::Either(&REFERENCES_V3_2), $to_doc).since(V3_2_0),
            CUSTOM_PROPERTIES,
        ]
    };
}

fn check_schema_relationship(cx: &mut Cx, n: &Node, path: &str) {
    let (Some(from), Some(to)) = (n.get("from"), n.get("to")) else {
        return;
    };
    let one = |x: &Node| x.as_str().is_some();
    let many = |x: &Node| x.as_seq().is_some();
    if (one(from) && many(to)) || (many(from) && one(to)) {
        cx.push(Diagnostic::new(
            &codes::RELATIONSHIP_SHAPE,
            "`from` and `to` must both be single references or both be lists of the same length.",
            path,
            cx.anchor_of(n),
        ));
    }
}

fn check_property_relationship(cx: &mut Cx, n: &Node, path: &str) {
    if let Some(e) = n.entry("from") {
        cx.push(Diagnostic::new(
            &codes::RELATIONSHIP_SHAPE,
            "a relationship on a property starts from that property: remove `from` (or move the relationship to the schema object).",
            format!("{path}/from"),
            e.key_span,
        ));
    }
}

static SCHEMA_RELATIONSHIP: ObjSpec = ObjSpec {
    name: "relationship",
    fields: relationship_fields!(
        "Source column(s): `table.column` or a list for composite keys.",
        "Target column(s): `table.column` or a list for composite keys."
    ),
    required: &["from", "to"],
    closed: true,
    variants: &[],
    check: Some(check_schema_relationship),
    open_before: 0,
    required_in: &[],
};
static SCHEMA_RELATIONSHIP_TY: Ty = Ty::Obj(&SCHEMA_RELATIONSHIP);

static PROPERTY_RELATIONSHIP: ObjSpec = ObjSpec {
    name: "relationship",
    fields: relationship_fields!(
        "Not allowed on a property: the property is the source.",
        "Target column: `table.column`."
    ),
    required: &["to"],
    closed: true,
    variants: &[],
    check: Some(check_property_relationship),
    open_before: 0,
    required_in: &[],
};
static PROPERTY_RELATIONSHIP_TY: Ty = Ty::Obj(&PROPERTY_RELATIONSHIP);

// ---------------------------------------------------------------- schema

static EMPTY_OPTIONS: ObjSpec = ObjSpec::closed("logicalTypeOptions", &[], &[]);

/// In v3.0.x `exclusiveMaximum`/`exclusiveMinimum` are flags on `maximum`/`minimum`.
const EXCLUSIVE_MAXIMUM_V3_0: Field = f(
    "exclusiveMaximum",
    Ty::Bool,
    "Whether `maximum` itself is excluded.",
)
.until(V3_1_0);
const EXCLUSIVE_MINIMUM_V3_0: Field = f(
    "exclusiveMinimum",
    Ty::Bool,
    "Whether `minimum` itself is excluded.",
)
.until(V3_1_0);

static VECTOR_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of a vector",
    &[
        f(
            "dimensions",
            Ty::PosInt,
            "Number of dimensions of the vector.",
        ),
        f(
            "elementType",
            Ty::Enum(&[
                "bfloat16", "binary", "float16", "float32", "float64", "int8", "uint8",
            ]),
            "Type of each element; float32 when not set.",
        ),
        f(
            "distanceMetric",
            Ty::Enum(&["cosine", "dotProduct", "euclidean", "hamming", "manhattan"]),
            "How distances between vectors are measured.",
        ),
        f(
            "embeddingModel",
            Ty::Str,
            "Model that produced the embedding.",
        ),
        f("embeddingModelVersion", Ty::Str, "Version of that model."),
        f("normalized", Ty::Bool, "Whether vectors are normalised."),
    ],
    &["dimensions"],
);

static MAP: ObjSpec = ObjSpec::closed(
    "map",
    &[
        f("key", Ty::Obj(&ITEM_PROPERTY), "Type of the map's keys."),
        f(
            "value",
            Ty::Obj(&ITEM_PROPERTY),
            "Type of the map's values.",
        ),
    ],
    &["key", "value"],
);

static STRING_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of a string",
    &[
        f("minLength", Ty::Count, "Minimum length."),
        f("maxLength", Ty::Count, "Maximum length."),
        f("pattern", Ty::Str, "Regular expression the value matches."),
        f("format", Ty::Str, "Format: email, uri, uuid, ..."),
    ],
    &[],
);

static DATE_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of a date",
    &[
        f("format", Ty::Str, "Date format, e.g. yyyy-MM-dd."),
        f("exclusiveMaximum", Ty::Str, "Upper bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MAXIMUM_V3_0,
        f("maximum", Ty::Str, "Upper bound."),
        f("exclusiveMinimum", Ty::Str, "Lower bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MINIMUM_V3_0,
        f("minimum", Ty::Str, "Lower bound."),
    ],
    &[],
);

static TIMESTAMP_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of a timestamp or time",
    &[
        f("format", Ty::Str, "Format, e.g. yyyy-MM-dd'T'HH:mm:ss."),
        f("exclusiveMaximum", Ty::Str, "Upper bound, excluded."),
        f("maximum", Ty::Str, "Upper bound."),
        f("exclusiveMinimum", Ty::Str, "Lower bound, excluded."),
        f("minimum", Ty::Str, "Lower bound."),
        f(
            "timezone",
            Ty::Bool,
            "Whether the value carries a time zone.",
        ),
        f(
            "defaultTimezone",
            Ty::Str,
            "Time zone assumed when none is given, e.g. UTC.",
        ),
    ],
    &[],
);

static INTEGER_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of an integer",
    &[
        f(
            "multipleOf",
            Ty::Positive,
            "Values are multiples of this number.",
        ),
        f("maximum", Ty::Num, "Maximum value."),
        f("exclusiveMaximum", Ty::Num, "Upper bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MAXIMUM_V3_0,
        f("minimum", Ty::Num, "Minimum value."),
        f("exclusiveMinimum", Ty::Num, "Lower bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MINIMUM_V3_0,
        f(
            "format",
            Ty::Enum(&[
                "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128",
            ]),
            "Storage size.",
        ),
    ],
    &[],
);

static NUMBER_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of a number",
    &[
        f(
            "multipleOf",
            Ty::Positive,
            "Values are multiples of this number.",
        ),
        f("maximum", Ty::Num, "Maximum value."),
        f("exclusiveMaximum", Ty::Num, "Upper bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MAXIMUM_V3_0,
        f("minimum", Ty::Num, "Minimum value."),
        f("exclusiveMinimum", Ty::Num, "Lower bound, excluded.").since(V3_1_0),
        EXCLUSIVE_MINIMUM_V3_0,
        f("format", Ty::Enum(&["f32", "f64"]), "Storage size."),
    ],
    &[],
);

static OBJECT_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of an object",
    &[
        f("maxProperties", Ty::Count, "Maximum number of properties."),
        f("minProperties", Ty::Count, "Minimum number of properties."),
        f(
            "required",
            Ty::StrSet,
            "Names of the properties that must be present.",
        ),
    ],
    &[],
);

static ARRAY_OPTIONS: ObjSpec = ObjSpec::closed(
    "logicalTypeOptions of an array",
    &[
        f("maxItems", Ty::Count, "Maximum number of items."),
        f("minItems", Ty::Count, "Minimum number of items."),
        f("uniqueItems", Ty::Bool, "Whether items are distinct."),
    ],
    &[],
);

fn logical_type_is(n: &Node, t: &str) -> bool {
    n.get("logicalType").and_then(Node::as_str) == Some(t)
}

/// A property type whose only own key is its `logicalTypeOptions`.
macro_rules! options_variant {
    ($label:literal, $applies:expr, $spec:ident, $doc:literal) => {
        Variant {
            label: $label,
            applies: $applies,
            fields: &[f("logicalTypeOptions", Ty::Obj(&$spec), $doc)],
            required: &[],
            since: 0,
            until: CURRENT,
        }
    };
}

static PROPERTY_VARIANTS: &[Variant] = &[
    options_variant!(
        "a string property",
        |n| logical_type_is(n, "string"),
        STRING_OPTIONS,
        "Constraints of the string: minLength, maxLength, pattern, format."
    ),
    options_variant!(
        "a date property",
        |n| logical_type_is(n, "date"),
        DATE_OPTIONS,
        "Constraints of the date: format, minimum, maximum."
    ),
    options_variant!(
        "a timestamp or time property",
        |n| logical_type_is(n, "timestamp") || logical_type_is(n, "time"),
        TIMESTAMP_OPTIONS,
        "Constraints: format, minimum, maximum, timezone."
    )
    .since(V3_1_0),
    options_variant!(
        "an integer property",
        |n| logical_type_is(n, "integer"),
        INTEGER_OPTIONS,
        "Constraints of the integer: minimum, maximum, format."
    ),
    options_variant!(
        "a number property",
        |n| logical_type_is(n, "number"),
        NUMBER_OPTIONS,
        "Constraints of the number: minimum, maximum, format."
    ),
    Variant {
        label: "an object property",
        applies: |n| logical_type_is(n, "object"),
        fields: &[
            f(
                "logicalTypeOptions",
                Ty::Obj(&OBJECT_OPTIONS),
                "Constraints of the object: required, min/maxProperties.",
            ),
            f(
                "properties",
                Ty::List(&PROPERTY_TY),
                "The object's nested properties.",
            ),
        ],
        required: &[],
        since: 0,
        until: CURRENT,
    },
    Variant {
        label: "an array property",
        applies: |n| logical_type_is(n, "array"),
        fields: &[
            f(
                "logicalTypeOptions",
                Ty::Obj(&ARRAY_OPTIONS),
                "Constraints of the array: minItems, maxItems, uniqueItems.",
            ),
            f(
                "items",
                Ty::Obj(&ITEM_PROPERTY),
                "The type of the array's items.",
            ),
        ],
        required: &[],
        since: 0,
        until: CURRENT,
    },
    Variant {
        label: "a map property",
        applies: |n| logical_type_is(n, "map"),
        fields: &[f(
            "map",
            Ty::Obj(&MAP),
            "Types of the map's keys and values.",
        )],
        required: &["map"],
        since: V3_2_0,
        until: CURRENT,
    },
    options_variant!(
        "a vector property",
        |n| logical_type_is(n, "vector"),
        VECTOR_OPTIONS,
        "Constraints of the vector: dimensions, elementType, distanceMetric."
    )
    .since(V3_2_0),
    // Without a logicalType the schema applies every type's conditions at once, so no
    // option can satisfy all of them, while `items` and `properties` are both allowed.
    // v3.2.0's `map` and `vector` conditions need a `logicalType`, so they don't apply.
    Variant {
        label: "a property without logicalType",
        applies: |n| n.get("logicalType").is_none(),
        fields: &[
            f(
                "logicalTypeOptions",
                Ty::Obj(&EMPTY_OPTIONS),
                "Set `logicalType` first: the options depend on it.",
            ),
            f("properties", Ty::List(&PROPERTY_TY), "Nested properties."),
            f(
                "items",
                Ty::Obj(&ITEM_PROPERTY),
                "The type of the array's items.",
            ),
        ],
        required: &[],
        since: 0,
        until: CURRENT,
    },
];

/// v3.2.0: the values of `enum` are unique.
fn check_property(cx: &mut Cx, n: &Node, path: &str) {
    if cx.ver < V3_2_0 {
        return;
    }
    let Some(items) = n.get("enum").and_then(Node::as_seq) else {
        return;
    };
    let mut seen = foldhash::HashSet::default();
    for (i, it) in items.iter().enumerate() {
        if !seen.insert(it.to_json().to_string()) {
            cx.push(Diagnostic::new(
                &codes::INVALID_VALUE,
                "`enum` lists this value twice; remove one.",
                format!("{path}/enum/{i}"),
                cx.anchor_of(it),
            ));
        }
    }
}

macro_rules! property_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            f("id", Ty::Pattern(Pat::StableId), "Stable id of the property, kept across renames.").since(V3_1_0),
            f("name", Ty::Str, "Name of the property."),
            f("physicalName", Ty::Str, "Name of the column or field in the physical store.").since(V3_0_2),
            f("physicalType", Ty::Str, "Type in the physical store, e.g. varchar(32)."),
            f("businessName", Ty::Str, "Name used by the business."),
            f("description", Ty::Str, "What the property means."),
            f("logicalType", Ty::Enum(&LOGICAL_TYPES_V3_0), "Logical type: string, date, number, integer, object, array, boolean.").until(V3_1_0),
            f("logicalType", Ty::Enum(&LOGICAL_TYPES_V3_1), "Logical type: string, date, timestamp, time, number, integer, object, array, boolean.").since(V3_1_0).until(V3_2_0),
            f("logicalType", Ty::Enum(&LOGICAL_TYPES), "Logical type: string, date, timestamp, time, number, integer, object, array, boolean, map, vector.").since(V3_2_0),
            f("semanticType", Ty::Enum(&["column", "measure", "dimension"]), "Role in analytics: column (default), measure or dimension.").since(V3_2_0),
            f("enum", Ty::NonEmptyList(&ENUM_VALUE_TY), "The values the property may take, each with an optional label.").since(V3_2_0),
            f("deprecated", Ty::Bool, "Whether the property is deprecated; consumers should stop using it.").since(V3_2_0),
            f("synonyms", Ty::List(&SYNONYM_TY), "Other names for the property.").since(V3_2_0),
            f("logicalTypeOptions", Ty::AnyObj, "Constraints that depend on the logical type."),
            f("primaryKey", Ty::Bool, "Whether the property is (part of) the primary key."),
            f("primaryKeyPosition", Ty::Int, "Position in a composite primary key, from 1."),
            f("required", Ty::Bool, "Whether a value must always be present (not null)."),
            f("unique", Ty::Bool, "Whether values are unique."),
            f("partitioned", Ty::Bool, "Whether the data is partitioned by this property."),
            f("partitionKeyPosition", Ty::Int, "Position in the partition key, from 1."),
            f("classification", Ty::Str, "Data classification: public, internal, restricted, confidential, pii..."),
            f("encryptedName", Ty::Str, "Name of the column holding the encrypted value."),
            f("transformSourceObjects", Ty::List(&Ty::Str), "Objects the value is derived from."),
            f("transformLogic", Ty::Str, "How the value is derived."),
            f("transformDescription", Ty::Str, "Plain-words description of the transformation."),
            f("examples", Ty::List(&Ty::Any), "Example values."),
            f("criticalDataElement", Ty::Bool, "Whether this is a critical data element."),
            f("relationships", Ty::List(&PROPERTY_RELATIONSHIP_TY), "Foreign keys from this property.").since(V3_1_0),
            f("quality", Ty::List(&QUALITY_TY), "Quality rules on this property."),
            AUTH_DEFS,
            TAGS,
            CUSTOM_PROPERTIES,
            $($extra),*
        ]
    };
}

static PROPERTY: ObjSpec = ObjSpec {
    name: "schema property",
    fields: property_fields!(),
    required: &["name"],
    closed: true,
    variants: PROPERTY_VARIANTS,
    check: Some(check_property),
    open_before: 0,
    required_in: &[],
};
static PROPERTY_TY: Ty = Ty::Obj(&PROPERTY);

static ITEM_PROPERTY: ObjSpec = ObjSpec {
    name: "array items",
    fields: property_fields!(f(
        "properties",
        Ty::List(&PROPERTY_TY),
        "Properties of object items."
    )),
    required: &[],
    closed: true,
    variants: PROPERTY_VARIANTS,
    check: Some(check_property),
    open_before: 0,
    required_in: &[],
};

static ENUM_VALUE: ObjSpec = ObjSpec::closed(
    "enum value",
    &[
        f("value", Ty::Scalar, "The value itself."),
        f("label", Ty::Str, "Human-readable label."),
        STABLE_ID,
        f("description", Ty::Str, "What the value means."),
        CUSTOM_PROPERTIES,
        AUTH_DEFS,
        TAGS,
    ],
    &["value"],
);
static ENUM_VALUE_TY: Ty = Ty::Obj(&ENUM_VALUE);

super::synonym_object!(STABLE_ID, CUSTOM_PROPERTIES);
super::context_objects!(AUTH_DEFS, TAGS, CUSTOM_PROPERTIES);
static CONTEXT_FORMS: [Ty; 2] = [Ty::Str, Ty::Obj(&CONTEXT)];
const CONTEXT_FIELD: Field = f(
    "context",
    Ty::Either(&CONTEXT_FORMS),
    "Context for people and AI agents: instructions, verified statements, constraints.",
)
.since(V3_2_0);

static SCHEMA_OBJECT: ObjSpec = ObjSpec::closed(
    "schema object",
    &[
        f(
            "id",
            Ty::Pattern(Pat::StableId),
            "Stable id of the object, kept across renames.",
        )
        .since(V3_1_0),
        f(
            "name",
            Ty::Str,
            "Name of the object (table, topic, file...).",
        ),
        f("physicalName", Ty::Str, "Name in the physical store."),
        f(
            "physicalType",
            Ty::Str,
            "Kind of physical object: table, view, topic, file...",
        ),
        f("businessName", Ty::Str, "Name used by the business."),
        f("description", Ty::Str, "What the object holds."),
        f(
            "deprecated",
            Ty::Bool,
            "Whether the object is deprecated; consumers should stop using it.",
        )
        .since(V3_2_0),
        f(
            "synonyms",
            Ty::List(&SYNONYM_TY),
            "Other names for the object.",
        )
        .since(V3_2_0),
        CONTEXT_FIELD,
        f(
            "logicalType",
            Ty::Enum(&["object"]),
            "Always `object` for a schema object.",
        ),
        f(
            "dataGranularityDescription",
            Ty::Str,
            "Granularity of the data, e.g. one row per order.",
        ),
        f(
            "properties",
            Ty::List(&PROPERTY_TY),
            "The object's properties (columns, fields).",
        ),
        f(
            "relationships",
            Ty::List(&SCHEMA_RELATIONSHIP_TY),
            "Foreign keys between objects.",
        )
        .since(V3_1_0),
        f(
            "quality",
            Ty::List(&QUALITY_TY),
            "Quality rules on the whole object.",
        ),
        AUTH_DEFS,
        TAGS,
        CUSTOM_PROPERTIES,
    ],
    &["name"],
);
static SCHEMA_OBJECT_TY: Ty = Ty::Obj(&SCHEMA_OBJECT);

// ---------------------------------------------------------------- team, support, SLA, price

static TEAM_MEMBER: ObjSpec = ObjSpec::closed(
    "team member",
    &[
        STABLE_ID,
        MEMBER_USERNAME,
        MEMBER_NAME,
        MEMBER_DESCRIPTION,
        MEMBER_ROLE,
        MEMBER_DATE_IN,
        MEMBER_DATE_OUT,
        MEMBER_REPLACED_BY,
        TAGS,
        CUSTOM_PROPERTIES,
        AUTH_DEFS,
    ],
    &["username"],
);
static TEAM_MEMBER_TY: Ty = Ty::Obj(&TEAM_MEMBER);

/// v3.0.x: `team` is a list of these (an open object).
static TEAM_V3_0: ObjSpec = ObjSpec::closed(
    "team member",
    &[
        MEMBER_USERNAME,
        MEMBER_NAME.since(V3_0_2),
        MEMBER_DESCRIPTION.since(V3_0_2),
        MEMBER_ROLE,
        MEMBER_DATE_IN,
        MEMBER_DATE_OUT,
        MEMBER_REPLACED_BY,
    ],
    &[],
)
.open_before(V3_1_0);
static TEAM_V3_0_TY: Ty = Ty::Obj(&TEAM_V3_0);

static TEAM: ObjSpec = ObjSpec::closed(
    "team",
    &[
        STABLE_ID,
        f("name", Ty::Str, "Name of the owning team."),
        f("description", Ty::Str, "What the team does."),
        f("members", Ty::List(&TEAM_MEMBER_TY), "The team's members."),
        TAGS,
        CUSTOM_PROPERTIES,
        AUTH_DEFS,
    ],
    &[],
);

static SUPPORT_ITEM: ObjSpec = ObjSpec::closed(
    "support channel",
    &[
        STABLE_ID.since(V3_1_0),
        f(
            "channel",
            Ty::Str,
            "Name of the channel, e.g. #orders-help.",
        ),
        f("url", Ty::Str, "Link to the channel."),
        f("description", Ty::Str, "What the channel is for."),
        f(
            "tool",
            Ty::Str,
            "Tool: email, slack, teams, discord, ticket, other.",
        ),
        f(
            "scope",
            Ty::Str,
            "Scope: interactive, announcements, issues.",
        ),
        f("invitationUrl", Ty::Str, "Link to join the channel."),
        CUSTOM_PROPERTIES.since(V3_1_0),
    ],
    &["channel"],
)
.open_before(V3_1_0)
.required_in(&[("url", 0, V3_1_0)]);
static SUPPORT_ITEM_TY: Ty = Ty::Obj(&SUPPORT_ITEM);

static SLA_PROPERTY: ObjSpec = ObjSpec::closed(
    "SLA property",
    &[
        STABLE_ID.since(V3_1_0),
        f(
            "property",
            Ty::Str,
            "What is promised: latency, frequency, availability, retention...",
        ),
        f("value", Ty::Scalar, "The promised value, e.g. 5."),
        f("valueExt", Ty::Scalar, "Second value, for ranges."),
        f("unit", Ty::Str, "Unit of the value: d, h, m, s, y..."),
        f(
            "element",
            Ty::Str,
            "Element(s) the promise is measured on, e.g. orders.created_at.",
        ),
        f(
            "driver",
            Ty::Str,
            "Why it matters: regulatory, analytics, operational.",
        ),
        f("description", Ty::Str, "The promise in plain words.").since(V3_1_0),
        f("scheduler", Ty::Str, "What schedules the check.").since(V3_1_0),
        f("schedule", Ty::Str, "When the check runs.").since(V3_1_0),
        AUTH_DEFS.since(V3_2_0),
        CUSTOM_PROPERTIES.since(V3_2_0),
    ],
    &["property", "value"],
)
.open_before(V3_1_0);
static SLA_PROPERTY_TY: Ty = Ty::Obj(&SLA_PROPERTY);

static PRICING: ObjSpec = ObjSpec::closed(
    "price",
    &[
        STABLE_ID.since(V3_1_0),
        f("priceAmount", Ty::Num, "Price amount."),
        f("priceCurrency", Ty::Str, "Currency, e.g. USD."),
        f(
            "priceUnit",
            Ty::Str,
            "Unit the price applies to, e.g. megabyte.",
        ),
    ],
    &[],
)
.open_before(V3_1_0);

static DESCRIPTION: ObjSpec = ObjSpec {
    name: "description",
    fields: &[
        f("purpose", Ty::Str, "Why the data exists."),
        f("usage", Ty::Str, "How the data should be used."),
        f("limitations", Ty::Str, "What the data can't be used for."),
        AUTH_DEFS,
        CUSTOM_PROPERTIES,
    ],
    required: &[],
    closed: false,
    variants: &[],
    check: None,
    open_before: 0,
    required_in: &[],
};

// ---------------------------------------------------------------- root

/// `team` is an object since v3.1.0; the older list of members is still accepted (deprecated).
static TEAM_FORMS: [Ty; 2] = [Ty::Obj(&TEAM), Ty::List(&TEAM_MEMBER_TY)];

pub static ROOT: ObjSpec = ObjSpec {
    name: "data contract",
    fields: &[
        f("apiVersion", Ty::Enum(&["v3.2.0", "v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0"]), "Version of the standard the contract follows."),
        f("kind", Ty::Enum(&["DataContract"]), "Always DataContract."),
        f("id", Ty::Str, "Unique id of the contract, e.g. a UUID or urn."),
        f("name", Ty::Str, "Name of the contract, e.g. orders.events.v1."),
        f("version", Ty::Str, "Version of the contract (semver), e.g. 1.0.0."),
        f("status", Ty::Str, "Status: proposed, draft, active, deprecated, retired."),
        f("tenant", Ty::Str, "Tenant the contract belongs to."),
        f("domain", Ty::Str, "Business domain, e.g. orders."),
        f("dataProduct", Ty::Str, "Name of the data product this contract belongs to.").until(V3_1_0),
        f("dataProduct", Ty::Str, "Name of the data product (deprecated since v3.1.0).")
            .deprecated("`dataProduct` is deprecated since v3.1.0: reference the contract from the data product manifest (its port's `contractId`) instead.")
            .since(V3_1_0),
        CONTEXT_FIELD,
        f("description", Ty::Obj(&DESCRIPTION), "Purpose, usage and limitations of the data."),
        TAGS,
        f("servers", Ty::List(&SERVER_TY), "Where the data is served: databases, topics, buckets."),
        f("schema", Ty::List(&SCHEMA_OBJECT_TY), "The objects (tables, topics...) and their properties."),
        f("support", Ty::List(&SUPPORT_ITEM_TY), "Support channels for consumers."),
        f("price", Ty::Obj(&PRICING), "Price of the data."),
        f("team", Ty::List(&TEAM_V3_0_TY), "The team: a list of its members.").until(V3_1_0),
        f("team", Ty::Either(&TEAM_FORMS), "The owning team and its members.").since(V3_1_0),
        f("roles", Ty::List(&ROLE_TY), "IAM roles giving access to the data."),
        f("slaDefaultElement", Ty::Str, "Default element for SLA checks.").until(V3_1_0),
        f("slaDefaultElement", Ty::Str, "Default element for SLA checks (deprecated).")
            .deprecated("`slaDefaultElement` is deprecated since v3.1.0: set `element` on each SLA property.")
            .since(V3_1_0),
        f("slaProperties", Ty::List(&SLA_PROPERTY_TY), "Service-level promises: freshness, latency, retention..."),
        AUTH_DEFS.since(V3_0_1),
        CUSTOM_PROPERTIES,
        f("contractCreatedTs", Ty::Formatted(Fmt::DateTime), "When the contract was created (ISO 8601 date-time)."),
    ],
    required: &["version", "apiVersion", "kind", "id"],
    closed: true,
    variants: &[],
    check: Some(check_root),
    open_before: 0,
    required_in: &[("status", 0, V3_2_0)],
};

fn check_root(cx: &mut Cx, n: &Node, _path: &str) {
    if cx.ver < V3_1_0 {
        return;
    }
    if let Some(e) = n.entry("team") {
        if e.value.as_seq().is_some() {
            cx.push(Diagnostic::new(
                &codes::DEPRECATED,
                "`team` as a list of members is deprecated since v3.1.0: write it as an object, `team:` with `name:` and `members:`.",
                "/team",
                e.key_span,
            ));
        }
    }
}
