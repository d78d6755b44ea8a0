"""Remember the request being served, so that a mail it triggers links back to the same site."""

from participation import mails


class MailLinksFollowTheRequest:
    """Without AGENDA_BASE_URL, links in mails use the scheme, host and port of the request
    that triggered them (`make run PORT=8080`), checked against ALLOWED_HOSTS as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = mails.current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            mails.current_request.reset(token)
