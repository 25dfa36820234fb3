using Microsoft.Extensions.Localization;

namespace Incubator.Web.Features.Account;

/// <summary>What each kind of security event is called on screen, in the reader's language.</summary>
internal static class SecurityEventLabels
{
    public static string Label(IStringLocalizer localizer, string kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return kind switch
        {
            SecurityEventKinds.SignInSucceeded => localizer["Signed in"],
            SecurityEventKinds.SignInFailed => localizer["Sign-in failed"],
            SecurityEventKinds.LockedOut => localizer["Locked out after failed sign-ins"],
            SecurityEventKinds.SignedOut => localizer["Signed out"],
            SecurityEventKinds.SignedOutEverywhere => localizer["Signed out everywhere"],
            SecurityEventKinds.TwoFactorEnabled => localizer["Two-factor sign-in turned on"],
            SecurityEventKinds.TwoFactorDisabled => localizer["Two-factor sign-in turned off"],
            SecurityEventKinds.TwoFactorReset => localizer["Two-factor sign-in reset"],
            SecurityEventKinds.RecoveryCodesGenerated => localizer["Recovery codes generated"],
            SecurityEventKinds.RecoveryCodeUsed => localizer["Recovery code used"],
            SecurityEventKinds.PasskeyAdded => localizer["Passkey added"],
            SecurityEventKinds.PasskeyRemoved => localizer["Passkey removed"],
            SecurityEventKinds.PasswordChanged => localizer["Password changed"],
            SecurityEventKinds.PasswordReset => localizer["Password reset"],
            SecurityEventKinds.EmailChanged => localizer["E-mail address changed"],
            SecurityEventKinds.RolesChanged => localizer["Roles changed"],
            SecurityEventKinds.PermissionsChanged => localizer["Permissions changed"],
            SecurityEventKinds.UserCreated => localizer["Account created"],
            SecurityEventKinds.UserDisabled => localizer["Account disabled"],
            SecurityEventKinds.UserEnabled => localizer["Account enabled"],
            SecurityEventKinds.UserUnlocked => localizer["Account unlocked"],
            SecurityEventKinds.PersonalDataDownloaded => localizer["Personal data downloaded"],
            SecurityEventKinds.DeletionRequested => localizer["Account deletion requested"],
            SecurityEventKinds.DeletionCompleted => localizer["Account deleted"],
            _ => kind,
        };
    }
}
