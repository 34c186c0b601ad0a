"""The reviewers' and editors' screens, built on the admin's login and look, one module per job.

Views stay thin: check who may do it, validate the form, call a service from claims/services, then
redirect with a flash message (or re-render the page with the person's input kept, when the input
was wrong or someone else saved first). Anonymous visitors go to the admin login; signed-in users
without the review permissions (API clients) get 403.
"""
