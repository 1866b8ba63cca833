namespace Lucine.Functions.Audit;

/// <summary>The names of recorded staff actions, as they appear in the audit trail.</summary>
public static class AuditActions
{
    public const string OperatorCreated = "operator.created";
    public const string OperatorUpdated = "operator.updated";
    public const string OperatorDeactivated = "operator.deactivated";
    public const string OperatorReactivated = "operator.reactivated";
    public const string PasswordReset = "operator.password_reset";
    public const string SignedOutEverywhere = "operator.signed_out";
    public const string PasswordChanged = "operator.password_changed";
    public const string ProfileChanged = "operator.profile_changed";
}
