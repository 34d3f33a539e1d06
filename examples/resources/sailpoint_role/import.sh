# A role is imported by its ID.
terraform import sailpoint_role.example 2c918086749d78830174a1a40e121518
