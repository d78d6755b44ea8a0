"""The staff kernel on the ground floor, importable by every app.

- `roles`: the four roles as groups with model permissions (who may do what),
- `views`: the one permission gate (`StaffPermissionMixin`) and the generic CRUD views,
- `urls`: `crud_urls`, the staff URLs of one object type,
- `fields`: choice fields that refuse ids the database cannot hold.
"""
