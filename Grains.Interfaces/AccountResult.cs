namespace Cinema.Grains;

/// <summary>The outcome of an account change.</summary>
public enum AccountResult
{
    Ok = 0,

    /// <summary>Create on an account that exists.</summary>
    AlreadyExists = 1,

    /// <summary>A change to an account that does not exist.</summary>
    NotFound = 2,

    /// <summary>Credentials without any hash.</summary>
    Invalid = 3,
}
