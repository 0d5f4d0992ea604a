/**
 * The parts of SageMaker's answers (AWS JSON 1.1) the collector reads: ListModelPackageGroups,
 * ListModelPackages and DescribeModelPackage. Times are epoch seconds (AWS) or ISO strings.
 */

export type AwsTime = number | string;

export interface SagemakerModelPackageGroupSummary {
  ModelPackageGroupName: string;
  ModelPackageGroupArn?: string;
  CreationTime?: AwsTime;
  ModelPackageGroupStatus?: string;
}

export interface SagemakerModelPackageSummary {
  ModelPackageGroupName?: string;
  ModelPackageVersion?: number;
  ModelPackageArn: string;
  CreationTime?: AwsTime;
  /** `Pending | InProgress | Completed | Failed | Deleting`. */
  ModelPackageStatus?: string;
  /** `Approved | Rejected | PendingManualApproval`. */
  ModelApprovalStatus?: string;
}

/** Who made a call, as SageMaker records it for model packages. */
export interface SagemakerUserContext {
  UserProfileArn?: string;
  UserProfileName?: string;
  DomainId?: string;
  IamIdentity?: {
    Arn?: string;
    PrincipalId?: string;
    /** The person or application that assumed the identity. */
    SourceIdentity?: string;
  };
}

export interface SagemakerMetricsSource {
  ContentType?: string;
  S3Uri?: string;
}

/** Each kind of metric, with its metrics files. */
export type SagemakerModelMetrics = Record<
  string,
  Record<string, SagemakerMetricsSource | undefined> | undefined
>;

export interface SagemakerModelPackage {
  ModelPackageGroupName?: string;
  ModelPackageVersion?: number;
  ModelPackageArn: string;
  ModelPackageStatus?: string;
  ModelApprovalStatus?: string;
  ApprovalDescription?: string;
  CreationTime?: AwsTime;
  LastModifiedTime?: AwsTime;
  CreatedBy?: SagemakerUserContext;
  LastModifiedBy?: SagemakerUserContext;
  ModelMetrics?: SagemakerModelMetrics;
}

/** An AWS JSON error answer. */
export interface AwsErrorBody {
  __type?: string;
  message?: string;
  Message?: string;
}
