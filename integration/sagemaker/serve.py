"""Runs moto's server on 127.0.0.1 in place of SageMaker, seeds its model registry through boto3
(the scenarios the integration tests assert, or with "demo" a group for every demo service that
names one), writes what it created to a JSON file, and serves until it is stopped.

SageMaker records who approved a model package (LastModifiedBy / CreatedBy, a UserContext with
the caller's IAM identity) and when; moto records a fixed fake user profile and the time of the
call. Those fields are set in moto's own backend after seeding, in this process, as the MLflow
seed edits MLflow's database: everything else is what moto answers through its API.

usage: python serve.py PORT test|demo OUT_JSON
"""
import json
import os
import signal
import sys
import threading
import zlib
from datetime import timedelta

import boto3
from moto.core.utils import utcnow
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto.sagemaker.models import sagemaker_backends

REGION = "eu-west-1"
ACCOUNT = "123456789012"  # moto's account

port, mode, out_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
url = f"http://127.0.0.1:{port}"
# moto accepts any credentials until authentication is switched on (/moto-api/reset-auth).
session = boto3.Session(aws_access_key_id="seed", aws_secret_access_key="seed", region_name=REGION)
sm = session.client("sagemaker", endpoint_url=url)
iam = session.client("iam", endpoint_url=url)
backend = sagemaker_backends[ACCOUNT][REGION]


def role_session(role, session_name, source_identity=None):
    """A UserContext as SageMaker records a call made with an assumed IAM role."""
    identity = {
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/{session_name}",
        "PrincipalId": f"AROA{zlib.crc32(role.encode()):016d}:{session_name}",
    }
    if source_identity:
        identity["SourceIdentity"] = source_identity
    return {"IamIdentity": identity}


PIPELINE = role_session("mlops-model-pipeline", "SageMaker")
PERSON = role_session(
    "AWSReservedSSO_DataScientist_0123456789abcdef", "alice@example.com", "alice@example.com"
)
INFERENCE = {
    "Containers": [{"Image": f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/model:latest"}],
    "SupportedContentTypes": ["text/csv"],
    "SupportedResponseMIMETypes": ["text/csv"],
}


def metrics(group, version):
    prefix = f"s3://mlops-models/{group}/v{version}"
    return {
        "ModelQuality": {
            "Statistics": {"ContentType": "application/json", "S3Uri": f"{prefix}/evaluation.json"}
        },
        "ModelDataQuality": {
            "Constraints": {"ContentType": "application/json", "S3Uri": f"{prefix}/constraints.json"}
        },
    }


def package(group, version, status, days_ago, by, with_metrics=True, approved_days_ago=None):
    """A model package registered `days_ago` (pending), then given `status` by `by`; or, when
    `approved_days_ago` is None and the status is Approved, registered already approved by `by`."""
    args = {
        "ModelPackageGroupName": group,
        "ModelPackageDescription": f"{group} v{version}",
        "InferenceSpecification": INFERENCE,
    }
    if with_metrics:
        args["ModelMetrics"] = metrics(group, version)
    registered_approved = status == "Approved" and approved_days_ago is None
    args["ModelApprovalStatus"] = "Approved" if registered_approved else "PendingManualApproval"
    arn = sm.create_model_package(**args)["ModelPackageArn"]
    if status != "PendingManualApproval" and not registered_approved:
        sm.update_model_package(
            ModelPackageArn=arn,
            ModelApprovalStatus=status,
            ApprovalDescription={
                "Approved": "metrics beat the approved version",
                "Rejected": "worse than the approved version",
            }[status],
        )
    pkg = backend.model_packages[arn]
    pkg.creation_time = utcnow() - timedelta(days=days_ago)
    pkg.created_by = by if registered_approved else PIPELINE
    if pkg.last_modified_time is not None:
        pkg.last_modified_time = utcnow() - timedelta(days=approved_days_ago)
        pkg.last_modified_by = by
    return arn


def group(name):
    sm.create_model_package_group(ModelPackageGroupName=name, ModelPackageGroupDescription=name)


def reader_credentials(user, actions):
    """An IAM user with an access key, for when authentication is on."""
    iam.create_user(UserName=user)
    if actions:
        iam.put_user_policy(
            UserName=user,
            PolicyName="read-model-registry",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}],
                }
            ),
        )
    key = iam.create_access_key(UserName=user)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


READ = ["sagemaker:ListModelPackageGroups", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackage"]
reader = reader_credentials("mlops-maturity-reader", READ + ["sts:AssumeRole"])
# A role the reader may assume, allowed to read the registry: for a collector configured with roleArn.
role_arn = iam.create_role(
    RoleName="mlops-maturity-registry-reader",
    AssumeRolePolicyDocument=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/mlops-maturity-reader"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)["Role"]["Arn"]
iam.put_role_policy(
    RoleName="mlops-maturity-registry-reader",
    PolicyName="read-model-registry",
    PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": READ, "Resource": "*"}]}
    ),
)
out = {
    "region": REGION,
    "accessKeyId": reader[0],
    "secretAccessKey": reader[1],
    "roleArn": role_arn,
    "pipelineRole": "mlops-model-pipeline",
    "groups": [],
}

if mode == "demo":
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "demo"))
    from demo_services import annotation, services

    for service in services():
        name = annotation(service, "aws.amazon.com/sagemaker-model-package-group")
        if not name:
            continue
        group(name)
        package(name, 1, "Approved", 30, PIPELINE, approved_days_ago=29)
        package(name, 2, "Approved", 2, PIPELINE, approved_days_ago=1)
        out["groups"].append(name)
        print(f"seeded {name}")
else:
    denied = reader_credentials("mlops-maturity-nobody", [])
    out["deniedAccessKeyId"], out["deniedSecretAccessKey"] = denied

    # The newest approved version (v2) has metrics and was approved by the pipeline; a newer
    # candidate waits for approval.
    group("churn-classifier")
    package("churn-classifier", 1, "Approved", 20, PIPELINE, approved_days_ago=19)
    package("churn-classifier", 2, "Approved", 3, PIPELINE, approved_days_ago=2)
    package("churn-classifier", 3, "PendingManualApproval", 1, PIPELINE)
    # Registered already approved by the pipeline (its condition step passed).
    group("demand-forecast")
    package("demand-forecast", 1, "Approved", 5, PIPELINE)
    # Approved by a person.
    group("pricing-regressor")
    package("pricing-regressor", 1, "Approved", 4, PERSON, approved_days_ago=3)
    # Nothing approved.
    group("fraud-pending")
    package("fraud-pending", 1, "Rejected", 6, PERSON, approved_days_ago=5)
    package("fraud-pending", 2, "PendingManualApproval", 2, PIPELINE)
    # Approved long ago.
    group("stale-model")
    package("stale-model", 1, "Approved", 400, PIPELINE, approved_days_ago=399)
    # Approved without model metrics.
    group("no-metrics-model")
    package("no-metrics-model", 1, "Approved", 2, PIPELINE, with_metrics=False, approved_days_ago=1)
    out["groups"] = [
        "churn-classifier",
        "demand-forecast",
        "pricing-regressor",
        "fraud-pending",
        "stale-model",
        "no-metrics-model",
    ]

with open(out_path + ".tmp", "w") as f:
    json.dump(out, f, indent=2)
os.replace(out_path + ".tmp", out_path)

stopped = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: stopped.set())
signal.signal(signal.SIGINT, lambda *_: stopped.set())
stopped.wait()
server.stop()
