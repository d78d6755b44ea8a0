from agenda.models import SiteProfile


def site(request):
    brand = SiteProfile.brand()
    return {"organisation": brand["name"], "brand": brand}
