//! Open Data Contract Standard v3.1.0, as Charter models it.
//!
//! Written by us from the standard's facts (its documentation and schema); conformance
//! with the official JSON Schema is proven by `crates/core/tests/conformance.rs`, which
//! reads the official file from `../shared/reference/` at test time.

use super::{
    f, Field, Fmt, ObjSpec, Pat, Ty, Variant, MEMBER_DATE_IN, MEMBER_DATE_OUT, MEMBER_DESCRIPTION,
    MEMBER_NAME, MEMBER_REPLACED_BY, MEMBER_ROLE, MEMBER_USERNAME,
};
use crate::codes;
use crate::diag::Diagnostic;
use crate::validate::Cx;
use crate::yaml::Node;

pub const API_VERSION: &str = "v3.1.0";

pub const LOGICAL_TYPES: &[&str] = &[
    "string",
    "date",
    "timestamp",
    "time",
    "number",
    "integer",
    "object",
    "array",
    "boolean",
];

pub const SERVER_TYPES: &[&str] = &[
    "api",
    "athena",
    "azure",
    "bigquery",
    "clickhouse",
    "databricks",
    "denodo",
    "dremio",
    "duckdb",
    "glue",
    "cloudsql",
    "db2",
    "hive",
    "impala",
    "informix",
    "kafka",
    "kinesis",
    "local",
    "mysql",
    "oracle",
    "postgresql",
    "postgres",
    "presto",
    "pubsub",
    "redshift",
    "s3",
    "sftp",
    "snowflake",
    "sqlserver",
    "synapse",
    "trino",
    "vertica",
    "zen",
    "custom",
];

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
        ),
        f(
            "property",
            Ty::Str,
            "Name of the custom property, in camelCase.",
        ),
        f("value", Ty::Any, "Value of the custom property."),
        f("description", Ty::Str, "What the custom property means."),
    ],
    &["property", "value"],
);
static CUSTOM_PROPERTY_TY: Ty = Ty::Obj(&CUSTOM_PROPERTY);

static AUTH_DEF: ObjSpec = ObjSpec::closed(
    "authoritative definition",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
        f("url", Ty::Str, "Where the definition lives."),
        f("type", Ty::Str, "Kind of definition: businessDefinition, transformationImplementation, videoTutorial, tutorial, implementation..."),
        f("description", Ty::Str, "What the link points to."),
    ],
    &["url", "type"],
);
static AUTH_DEF_TY: Ty = Ty::Obj(&AUTH_DEF);

static ROLE: ObjSpec = ObjSpec::closed(
    "role",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
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
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    &["role"],
);
static ROLE_TY: Ty = Ty::Obj(&ROLE);

// ---------------------------------------------------------------- servers

macro_rules! server_variant {
    ($label:literal, [$($t:literal),+], [$($field:expr),* $(,)?], [$($req:literal),*]) => {
        Variant {
            label: $label,
            applies: |n| matches!(n.get("type").and_then(Node::as_str), Some($($t)|+)),
            fields: &[$($field),*],
            required: &[$($req),*],
        }
    };
}

const URI: Ty = Ty::Formatted(Fmt::Uri);
const HOST: Field = f("host", Ty::Str, "Host name.");
const PORT: Field = f("port", Ty::Int, "Port number.");
const DATABASE: Field = f("database", Ty::Str, "Database name.");
const SCHEMA_NAME: Field = f("schema", Ty::Str, "Schema name.");
const FORMAT: Field = f("format", Ty::Str, "File format.");
const DELIMITER: Field = f("delimiter", Ty::Str, "For JSON: new_line or array.");

static SERVER_VARIANTS: &[Variant] = &[
    server_variant!(
        "an api server",
        ["api"],
        [f("location", URI, "URL of the API.")],
        ["location"]
    ),
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
    ),
    server_variant!(
        "an azure server",
        ["azure"],
        [
            f(
                "location",
                URI,
                "Fully qualified path to the data, e.g. abfss://..."
            ),
            f("format", Ty::Str, "File format: parquet, delta, json, csv."),
            DELIMITER,
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
        [HOST, PORT, DATABASE,],
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
        [HOST, PORT, DATABASE,],
        ["host", "port"]
    ),
    server_variant!(
        "a dremio server",
        ["dremio"],
        [HOST, PORT, SCHEMA_NAME,],
        ["host", "port"]
    ),
    server_variant!(
        "a duckdb server",
        ["duckdb"],
        [
            f("database", Ty::Str, "Path to the database file."),
            SCHEMA_NAME,
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
        ],
        ["account", "database"]
    ),
    server_variant!(
        "a cloudsql server",
        ["cloudsql"],
        [HOST, PORT, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database", "schema"]
    ),
    server_variant!(
        "a db2 server",
        ["db2"],
        [HOST, PORT, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "a hive server",
        ["hive"],
        [HOST, PORT, DATABASE,],
        ["host", "database"]
    ),
    server_variant!(
        "an impala server",
        ["impala"],
        [HOST, PORT, DATABASE,],
        ["host", "database"]
    ),
    server_variant!(
        "an informix server",
        ["informix"],
        [HOST, PORT, DATABASE,],
        ["host", "database"]
    ),
    server_variant!(
        "a zen server",
        ["zen"],
        [HOST, PORT, DATABASE,],
        ["host", "database"]
    ),
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
            f("port", Ty::Int, "Port."),
            f("project", Ty::Str, "Project."),
            f("region", Ty::Str, "Region."),
            f("regionName", Ty::Str, "Region name."),
            f("schema", Ty::Str, "Schema."),
            f("serviceName", Ty::Str, "Service name."),
            f("stagingDir", Ty::Str, "Staging directory."),
            f("warehouse", Ty::Str, "Warehouse."),
            f("stream", Ty::Str, "Stream."),
        ],
        []
    ),
    server_variant!(
        "a kafka server",
        ["kafka"],
        [
            f("host", Ty::Str, "Bootstrap server(s), host:port."),
            f("format", Ty::Str, "Message format: json, avro, protobuf..."),
        ],
        ["host"]
    ),
    server_variant!(
        "a kinesis server",
        ["kinesis"],
        [
            f("region", Ty::Str, "AWS region."),
            f("format", Ty::Str, "Record format."),
        ],
        []
    ),
    server_variant!(
        "a local server",
        ["local"],
        [f("path", Ty::Str, "Path to the file(s)."), FORMAT,],
        ["path", "format"]
    ),
    server_variant!(
        "a mysql server",
        ["mysql"],
        [HOST, PORT, DATABASE,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "an oracle server",
        ["oracle"],
        [
            HOST,
            PORT,
            f("serviceName", Ty::Str, "Oracle service name."),
        ],
        ["host", "port", "serviceName"]
    ),
    server_variant!(
        "a postgres server",
        ["postgresql", "postgres"],
        [
            HOST,
            f("port", Ty::Int, "Port number, e.g. 5432."),
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
            FORMAT,
            DELIMITER,
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
            FORMAT,
            DELIMITER,
        ],
        ["location"]
    ),
    server_variant!(
        "a snowflake server",
        ["snowflake"],
        [
            HOST,
            PORT,
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
        [HOST, PORT, DATABASE, SCHEMA_NAME,],
        ["host", "database", "schema"]
    ),
    server_variant!(
        "a synapse server",
        ["synapse"],
        [HOST, PORT, DATABASE,],
        ["host", "port", "database"]
    ),
    server_variant!(
        "a trino server",
        ["trino"],
        [
            HOST,
            PORT,
            f("catalog", Ty::Str, "Catalog."),
            f("schema", Ty::Str, "Schema."),
        ],
        ["host", "port", "catalog", "schema"]
    ),
    server_variant!(
        "a vertica server",
        ["vertica"],
        [HOST, PORT, DATABASE, SCHEMA_NAME,],
        ["host", "port", "database", "schema"]
    ),
];

static SERVER: ObjSpec = ObjSpec {
    name: "server",
    fields: &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id of the server."),
        f(
            "server",
            Ty::Str,
            "Identifier of the server, e.g. production-db.",
        ),
        f(
            "type",
            Ty::Enum(SERVER_TYPES),
            "Type of the server: postgres, kafka, snowflake, s3...",
        ),
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
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    required: &["server", "type"],
    closed: true,
    variants: SERVER_VARIANTS,
    check: None,
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

static QUALITY_VARIANTS: &[Variant] = &[
    Variant {
        label: "a library quality rule",
        applies: quality_is_library,
        fields: &[
            f(
                "metric",
                Ty::Enum(QUALITY_METRICS),
                "Metric computed by the rule: nullValues, rowCount...",
            ),
            Field {
                key: "rule",
                ty: Ty::Str,
                doc: "Former name of `metric`.",
                deprecated: Some("`rule` is deprecated: use `metric`."),
            },
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
    },
    Variant {
        label: "an sql quality rule",
        applies: |n| n.get("type").and_then(Node::as_str) == Some("sql"),
        fields: &[
            f(
                "query",
                Ty::Str,
                "SQL query whose result is compared with the operator.",
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
        required: &["query"],
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
    },
];

fn check_quality(cx: &mut Cx, n: &Node, path: &str) {
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
                format!("{path}/{}", e.key),
                e.key_span,
            ));
        }
    }
}

static QUALITY: ObjSpec = ObjSpec {
    name: "quality rule",
    fields: &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id of the rule."),
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
        f("tags", Ty::List(&Ty::Str), "Tags."),
        f(
            "authoritativeDefinitions",
            Ty::List(&AUTH_DEF_TY),
            "Links to authoritative definitions.",
        ),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    required: &[],
    closed: true,
    variants: QUALITY_VARIANTS,
    check: Some(check_quality),
};
static QUALITY_TY: Ty = Ty::Obj(&QUALITY);

// ---------------------------------------------------------------- relationships

static REFERENCE: Ty = Ty::Pattern(Pat::Reference);
static REFERENCES: [Ty; 2] = [Ty::Pattern(Pat::Reference), Ty::NonEmptyList(&REFERENCE)];

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
    fields: &[
        f(
            "type",
            Ty::Enum(&["foreignKey"]),
            "Kind of relationship; only foreignKey.",
        ),
        f(
            "from",
            Ty::Either(&REFERENCES),
            "Source column(s): `table.column` or a list for composite keys.",
        ),
        f(
            "to",
            Ty::Either(&REFERENCES),
            "Target column(s): `table.column` or a list for composite keys.",
        ),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    required: &["from", "to"],
    closed: true,
    variants: &[],
    check: Some(check_schema_relationship),
};
static SCHEMA_RELATIONSHIP_TY: Ty = Ty::Obj(&SCHEMA_RELATIONSHIP);

static PROPERTY_RELATIONSHIP: ObjSpec = ObjSpec {
    name: "relationship",
    fields: &[
        f(
            "type",
            Ty::Enum(&["foreignKey"]),
            "Kind of relationship; only foreignKey.",
        ),
        f(
            "from",
            Ty::Either(&REFERENCES),
            "Not allowed on a property: the property is the source.",
        ),
        f(
            "to",
            Ty::Either(&REFERENCES),
            "Target column: `table.column`.",
        ),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    required: &["to"],
    closed: true,
    variants: &[],
    check: Some(check_property_relationship),
};
static PROPERTY_RELATIONSHIP_TY: Ty = Ty::Obj(&PROPERTY_RELATIONSHIP);

// ---------------------------------------------------------------- schema

static EMPTY_OPTIONS: ObjSpec = ObjSpec {
    name: "logicalTypeOptions",
    fields: &[],
    required: &[],
    closed: true,
    variants: &[],
    check: None,
};

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
        f("exclusiveMaximum", Ty::Str, "Upper bound, excluded."),
        f("maximum", Ty::Str, "Upper bound."),
        f("exclusiveMinimum", Ty::Str, "Lower bound, excluded."),
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
        f("exclusiveMaximum", Ty::Num, "Upper bound, excluded."),
        f("minimum", Ty::Num, "Minimum value."),
        f("exclusiveMinimum", Ty::Num, "Lower bound, excluded."),
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
        f("exclusiveMaximum", Ty::Num, "Upper bound, excluded."),
        f("minimum", Ty::Num, "Minimum value."),
        f("exclusiveMinimum", Ty::Num, "Lower bound, excluded."),
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

static PROPERTY_VARIANTS: &[Variant] = &[
    Variant {
        label: "a string property",
        applies: |n| logical_type_is(n, "string"),
        fields: &[f(
            "logicalTypeOptions",
            Ty::Obj(&STRING_OPTIONS),
            "Constraints of the string: minLength, maxLength, pattern, format.",
        )],
        required: &[],
    },
    Variant {
        label: "a date property",
        applies: |n| logical_type_is(n, "date"),
        fields: &[f(
            "logicalTypeOptions",
            Ty::Obj(&DATE_OPTIONS),
            "Constraints of the date: format, minimum, maximum.",
        )],
        required: &[],
    },
    Variant {
        label: "a timestamp or time property",
        applies: |n| logical_type_is(n, "timestamp") || logical_type_is(n, "time"),
        fields: &[f(
            "logicalTypeOptions",
            Ty::Obj(&TIMESTAMP_OPTIONS),
            "Constraints: format, minimum, maximum, timezone.",
        )],
        required: &[],
    },
    Variant {
        label: "an integer property",
        applies: |n| logical_type_is(n, "integer"),
        fields: &[f(
            "logicalTypeOptions",
            Ty::Obj(&INTEGER_OPTIONS),
            "Constraints of the integer: minimum, maximum, format.",
        )],
        required: &[],
    },
    Variant {
        label: "a number property",
        applies: |n| logical_type_is(n, "number"),
        fields: &[f(
            "logicalTypeOptions",
            Ty::Obj(&NUMBER_OPTIONS),
            "Constraints of the number: minimum, maximum, format.",
        )],
        required: &[],
    },
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
    },
    // Without a logicalType every type's conditions apply at once, so no option can
    // satisfy all of them, while `items` and `properties` are both allowed.
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
    },
];

macro_rules! property_fields {
    ($($extra:expr),* $(,)?) => {
        &[
            f("id", Ty::Pattern(Pat::StableId), "Stable id of the property, kept across renames."),
            f("name", Ty::Str, "Name of the property."),
            f("physicalName", Ty::Str, "Name of the column or field in the physical store."),
            f("physicalType", Ty::Str, "Type in the physical store, e.g. varchar(32)."),
            f("businessName", Ty::Str, "Name used by the business."),
            f("description", Ty::Str, "What the property means."),
            f("logicalType", Ty::Enum(LOGICAL_TYPES), "Logical type: string, date, timestamp, time, number, integer, object, array, boolean."),
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
            f("relationships", Ty::List(&PROPERTY_RELATIONSHIP_TY), "Foreign keys from this property."),
            f("quality", Ty::List(&QUALITY_TY), "Quality rules on this property."),
            f("authoritativeDefinitions", Ty::List(&AUTH_DEF_TY), "Links to authoritative definitions."),
            f("tags", Ty::List(&Ty::Str), "Tags."),
            f("customProperties", Ty::List(&CUSTOM_PROPERTY_TY), "Custom properties not covered by the standard."),
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
    check: None,
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
    check: None,
};

static SCHEMA_OBJECT: ObjSpec = ObjSpec::closed(
    "schema object",
    &[
        f(
            "id",
            Ty::Pattern(Pat::StableId),
            "Stable id of the object, kept across renames.",
        ),
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
        ),
        f(
            "quality",
            Ty::List(&QUALITY_TY),
            "Quality rules on the whole object.",
        ),
        f(
            "authoritativeDefinitions",
            Ty::List(&AUTH_DEF_TY),
            "Links to authoritative definitions.",
        ),
        f("tags", Ty::List(&Ty::Str), "Tags."),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    &["name"],
);
static SCHEMA_OBJECT_TY: Ty = Ty::Obj(&SCHEMA_OBJECT);

// ---------------------------------------------------------------- team, support, SLA, price

static TEAM_MEMBER: ObjSpec = ObjSpec::closed(
    "team member",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
        MEMBER_USERNAME,
        MEMBER_NAME,
        MEMBER_DESCRIPTION,
        MEMBER_ROLE,
        MEMBER_DATE_IN,
        MEMBER_DATE_OUT,
        MEMBER_REPLACED_BY,
        f("tags", Ty::List(&Ty::Str), "Tags."),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
        f(
            "authoritativeDefinitions",
            Ty::List(&AUTH_DEF_TY),
            "Links to authoritative definitions.",
        ),
    ],
    &["username"],
);
static TEAM_MEMBER_TY: Ty = Ty::Obj(&TEAM_MEMBER);

static TEAM: ObjSpec = ObjSpec::closed(
    "team",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
        f("name", Ty::Str, "Name of the owning team."),
        f("description", Ty::Str, "What the team does."),
        f("members", Ty::List(&TEAM_MEMBER_TY), "The team's members."),
        f("tags", Ty::List(&Ty::Str), "Tags."),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
        f(
            "authoritativeDefinitions",
            Ty::List(&AUTH_DEF_TY),
            "Links to authoritative definitions.",
        ),
    ],
    &[],
);

static SUPPORT_ITEM: ObjSpec = ObjSpec::closed(
    "support channel",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
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
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    &["channel"],
);
static SUPPORT_ITEM_TY: Ty = Ty::Obj(&SUPPORT_ITEM);

static SLA_PROPERTY: ObjSpec = ObjSpec::closed(
    "SLA property",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
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
        f("description", Ty::Str, "The promise in plain words."),
        f("scheduler", Ty::Str, "What schedules the check."),
        f("schedule", Ty::Str, "When the check runs."),
    ],
    &["property", "value"],
);
static SLA_PROPERTY_TY: Ty = Ty::Obj(&SLA_PROPERTY);

static PRICING: ObjSpec = ObjSpec::closed(
    "price",
    &[
        f("id", Ty::Pattern(Pat::StableId), "Stable id."),
        f("priceAmount", Ty::Num, "Price amount."),
        f("priceCurrency", Ty::Str, "Currency, e.g. USD."),
        f(
            "priceUnit",
            Ty::Str,
            "Unit the price applies to, e.g. megabyte.",
        ),
    ],
    &[],
);

static DESCRIPTION: ObjSpec = ObjSpec {
    name: "description",
    fields: &[
        f("purpose", Ty::Str, "Why the data exists."),
        f("usage", Ty::Str, "How the data should be used."),
        f("limitations", Ty::Str, "What the data can't be used for."),
        f(
            "authoritativeDefinitions",
            Ty::List(&AUTH_DEF_TY),
            "Links to authoritative definitions.",
        ),
        f(
            "customProperties",
            Ty::List(&CUSTOM_PROPERTY_TY),
            "Custom properties not covered by the standard.",
        ),
    ],
    required: &[],
    closed: false,
    variants: &[],
    check: None,
};

// ---------------------------------------------------------------- root

/// `team` is an object since v3.1.0; the older list of members is still accepted (deprecated).
static TEAM_FORMS: [Ty; 2] = [Ty::Obj(&TEAM), Ty::List(&TEAM_MEMBER_TY)];

pub static ROOT: ObjSpec = ObjSpec {
    name: "data contract",
    fields: &[
        f("apiVersion", Ty::Enum(&["v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0"]), "Version of the standard the contract follows."),
        f("kind", Ty::Enum(&["DataContract"]), "Always DataContract."),
        f("id", Ty::Str, "Unique id of the contract, e.g. a UUID or urn."),
        f("name", Ty::Str, "Name of the contract, e.g. orders.events.v1."),
        f("version", Ty::Str, "Version of the contract (semver), e.g. 1.0.0."),
        f("status", Ty::Str, "Status: proposed, draft, active, deprecated, retired."),
        f("tenant", Ty::Str, "Tenant the contract belongs to."),
        f("domain", Ty::Str, "Business domain, e.g. orders."),
        Field {
            key: "dataProduct",
            ty: Ty::Str,
            doc: "Name of the data product (deprecated).",
            deprecated: Some("`dataProduct` is deprecated since v3.1.0: reference the contract from the data product manifest instead."),
        },
        f("description", Ty::Obj(&DESCRIPTION), "Purpose, usage and limitations of the data."),
        f("tags", Ty::List(&Ty::Str), "Tags."),
        f("servers", Ty::List(&SERVER_TY), "Where the data is served: databases, topics, buckets."),
        f("schema", Ty::List(&SCHEMA_OBJECT_TY), "The objects (tables, topics...) and their properties."),
        f("support", Ty::List(&SUPPORT_ITEM_TY), "Support channels for consumers."),
        f("price", Ty::Obj(&PRICING), "Price of the data."),
        f("team", Ty::Either(&TEAM_FORMS), "The owning team and its members."),
        f("roles", Ty::List(&ROLE_TY), "IAM roles giving access to the data."),
        Field {
            key: "slaDefaultElement",
            ty: Ty::Str,
            doc: "Default element for SLA checks (deprecated).",
            deprecated: Some("`slaDefaultElement` is deprecated: set `element` on each SLA property."),
        },
        f("slaProperties", Ty::List(&SLA_PROPERTY_TY), "Service-level promises: freshness, latency, retention..."),
        f("authoritativeDefinitions", Ty::List(&AUTH_DEF_TY), "Links to authoritative definitions."),
        f("customProperties", Ty::List(&CUSTOM_PROPERTY_TY), "Custom properties not covered by the standard."),
        f("contractCreatedTs", Ty::Formatted(Fmt::DateTime), "When the contract was created (ISO 8601 date-time)."),
    ],
    required: &["version", "apiVersion", "kind", "id", "status"],
    closed: true,
    variants: &[],
    check: Some(check_root),
};

fn check_root(cx: &mut Cx, n: &Node, _path: &str) {
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
