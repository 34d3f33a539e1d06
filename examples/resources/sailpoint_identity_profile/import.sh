# An identity profile is imported by its ID.
terraform import sailpoint_identity_profile.example 2b838de9db9babcfe646d4f274ad4238
