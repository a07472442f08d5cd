from django.shortcuts import render

from isu.models import Convention


def home(request):
    return render(request, "isu/home.html", {"conventions": Convention.objects.all()})
