# A transform is imported by its ID.
terraform import sailpoint_transform.example 2c9180835d2e5168015d32f890ca1581
